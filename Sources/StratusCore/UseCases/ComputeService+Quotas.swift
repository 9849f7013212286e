import Foundation

extension ComputeService {
    /// A project's limits: the defaults with its overrides.
    func quotaLimits(projectID: String) async throws -> QuotaSet {
        try await effectiveDefaults().overridden(by: try await store.quotaOverrides(projectID: projectID))
    }

    /// The operator's configured defaults with the `default` quota class's limits,
    /// as Nova's DB quota driver reads defaults.
    func effectiveDefaults() async throws -> QuotaSet {
        settings.defaultQuotas.overridden(by: try await store.quotaClassLimits(className: QuotaClass.defaultName))
    }

    /// The caller's project's `metadata_items`, which Nova also holds image
    /// metadata to (`check_img_metadata_properties_quota`); -1 is unlimited.
    public func metadataItemsLimit(_ caller: Caller) async throws -> Int {
        guard let project = caller.auth.project?.id else { return try await effectiveDefaults().metadataItems }
        return try await quotaLimits(projectID: project).metadataItems
    }

    /// A project's limits: the defaults with its overrides.
    public func quotas(_ caller: Caller, projectID: String) async throws -> QuotaSet {
        try authorize(.showQuotas, caller, target: ["project_id": projectID])
        return try await quotaLimits(projectID: projectID)
    }

    public func defaultQuotas(_ caller: Caller, projectID: String) async throws -> QuotaSet {
        try authorize(.showQuotaDefaults, caller, target: ["project_id": projectID])
        return try await effectiveDefaults()
    }

    public func quotaUsage(_ caller: Caller, projectID: String) async throws -> InstanceUsage {
        try authorize(.showQuotas, caller, target: ["project_id": projectID])
        return try await store.instanceUsage(projectID: projectID)
    }

    /// Sets limits by Nova name (`instances`, `cores`, `ram`, ...); -1 is
    /// unlimited. Unknown names and values below -1 are refused before anything
    /// is written, and so is a limit under current usage (Nova's check without
    /// `force`).
    public func updateQuotas(_ caller: Caller, projectID: String, _ limits: [String: Int]) async throws -> QuotaSet {
        try authorize(.updateQuotas, caller, target: ["project_id": projectID])
        try Self.checkQuotaValues(limits, field: "quota_set")
        let usage = try await store.instanceUsage(projectID: projectID)
        for (key, used) in [("instances", usage.instances), ("cores", usage.cores), ("ram", usage.ramMiB)] {
            if let limit = limits[key], limit >= 0, limit < used {
                throw ComputeError.badRequest("Quota limit \(limit) for \(key) must be greater than or equal to already used and reserved \(used).")
            }
        }
        var changes: [StoreChange] = limits.map { .setQuota(projectID: projectID, resource: $0.key, limit: $0.value) }
        changes.append(audit(caller, ComputePolicy.Action.updateQuotas.rawValue, "quota_set", projectID))
        try await store.commit(changes)
        return try await quotaLimits(projectID: projectID)
    }

    /// Known names only, each -1 (unlimited) up to Nova's `db.MAX_INT`, in Nova's schema words.
    static func checkQuotaValues(_ limits: [String: Int], field: String) throws {
        let known = Set(QuotaSet.keys.map(\.0)).union(QuotaSet.legacyNetworkKeys)
        for (key, value) in limits.sorted(by: { $0.key < $1.key }) {
            guard known.contains(key) else {
                throw ComputeError.badRequest("Invalid input for field/attribute \(field). Additional properties are not allowed ('\(key)' was unexpected)")
            }
            guard value >= -1 else {
                throw ComputeError.badRequest("Invalid input for field/attribute \(key). Value: \(value). \(value) is less than the minimum of -1")
            }
            guard value <= Int(Int32.max) else {
                throw ComputeError.badRequest("Invalid input for field/attribute \(key). Value: \(value). \(value) is greater than the maximum of \(Int32.max)")
            }
        }
    }

    /// The nova-network quotas clients below 2.36 still see and may set: -1
    /// (unlimited) unless set; nothing in Stratus consumes them.
    public func legacyNetworkQuotas(_ caller: Caller, projectID: String) async throws -> [String: Int] {
        try authorize(.showQuotas, caller, target: ["project_id": projectID])
        let overrides = try await store.quotaOverrides(projectID: projectID)
        let defaults = try await store.quotaClassLimits(className: QuotaClass.defaultName)
        return QuotaSet.legacyNetworkLimits(defaults.merging(overrides) { _, own in own })
    }

    /// Back to the defaults.
    public func deleteQuotas(_ caller: Caller, projectID: String) async throws {
        try authorize(.deleteQuotas, caller, target: ["project_id": projectID])
        try await store.commit([
            .deleteQuotas(projectID: projectID),
            audit(caller, ComputePolicy.Action.deleteQuotas.rawValue, "quota_set", projectID),
        ])
    }

    /// `GET /limits`: the caller's project limits and usage, with the legacy
    /// network limits (shown below 2.36) and the project's server groups.
    public func limits(_ caller: Caller) async throws -> ProjectLimits {
        try authorize(.showLimits, caller)
        let projectID = caller.auth.project?.id ?? ""
        let overrides = try await store.quotaOverrides(projectID: projectID)
        let classDefaults = try await store.quotaClassLimits(className: QuotaClass.defaultName)
        return ProjectLimits(
            quotas: settings.defaultQuotas.overridden(by: classDefaults).overridden(by: overrides),
            usage: try await store.instanceUsage(projectID: projectID),
            network: QuotaSet.legacyNetworkLimits(classDefaults.merging(overrides) { _, own in own }),
            serverGroups: try await store.serverGroups(projectID: projectID).count)
    }
}

/// What `GET /limits` reports.
public struct ProjectLimits: Sendable, Equatable {
    public var quotas: QuotaSet
    public var usage: InstanceUsage
    /// `fixed_ips`, `floating_ips`, `security_groups`, `security_group_rules`.
    public var network: [String: Int]
    public var serverGroups: Int
}
