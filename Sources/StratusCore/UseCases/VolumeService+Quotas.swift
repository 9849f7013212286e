import Foundation

/// Cinder's quotas: os-quota-sets (a project's limits, with usage, the
/// defaults; set and reverted by administrators), os-quota-class-sets (the
/// `default` class replaces the configured defaults) and `GET /limits`. Limits
/// are stored per project; the create's transaction counts volumes and
/// gigabytes against the project's own limit (`requireProjectQuota`).
extension VolumeService {
    /// Cinder's resources, in the order its quota sets list them. Only volumes
    /// and gigabytes have anything to count; snapshots, backups and groups do not
    /// exist here (their usage is 0), and `per_volume_gigabytes` caps one volume.
    public static let quotaResources = [
        "volumes", "snapshots", "gigabytes", "backups", "backup_gigabytes", "per_volume_gigabytes", "groups",
    ]
    /// Counted in the transaction that inserts.
    static let countedResources = ["volumes", "gigabytes", "snapshots", "backups", "backup_gigabytes", "groups"]
    /// Cinder's largest limit (its `DB_MAX_INT`).
    public static let maxQuotaLimit = 2_147_483_647

    /// The configured defaults: Cinder's, with the operator's volumes and gigabytes.
    var configuredQuotas: [String: Int] {
        [
            "volumes": settings.volumeQuota, "snapshots": 10, "gigabytes": settings.gigabytesQuota, "backups": 10,
            "backup_gigabytes": 1000, "per_volume_gigabytes": -1, "groups": 10,
        ]
    }

    func quotaLimits(projectID: String?) async throws -> [String: Int] {
        try await ServiceQuotaLimits.read(store, .volume, projectID: projectID, configured: configuredQuotas).effective
    }

    /// A project's limits (`GET os-quota-sets/{project}`).
    public func quotaSet(_ caller: Caller, projectID: String) async throws -> [String: Int] {
        try authorize(.showQuotas, caller, projectID: projectID)
        return try await quotaLimits(projectID: projectID)
    }

    /// A project's limits with what it uses (`?usage=True`).
    public func quotaUsage(_ caller: Caller, projectID: String) async throws -> [String: QuotaUsageLine] {
        try authorize(.showQuotas, caller, projectID: projectID)
        return try await QuotaUsageLine.lines(
            store, .volume, projectID: projectID, limits: try await quotaLimits(projectID: projectID),
            counted: Self.countedResources)
    }

    /// The defaults every project starts from (`GET os-quota-sets/{project}/defaults`).
    public func defaultQuotaSet(_ caller: Caller, projectID: String) async throws -> [String: Int] {
        try authorize(.showQuotas, caller, projectID: projectID)
        return try await quotaLimits(projectID: nil)
    }

    /// Sets limits by Cinder's names; -1 is unlimited. Cinder's checks, before
    /// anything is written: known names, -1 … 2147483647, and no limit under what
    /// the project already holds (`per_volume_gigabytes` caps size, not a count).
    public func updateQuotaSet(_ caller: Caller, projectID: String, _ limits: [String: Int]) async throws -> [String: Int] {
        try authorize(.updateQuotas, caller, projectID: projectID)
        guard (1...255).contains(projectID.count) else {
            throw ComputeError.badRequest("Invalid input received: quota_set_name must be 1 to 255 characters long.")
        }
        try Self.checkQuotaValues(limits)
        let used = try await store.projectQuotaUsage(.volume, projectID: projectID, resources: Self.countedResources)
        for (key, value) in limits.sorted(by: { $0.key < $1.key }) where key != "per_volume_gigabytes" && value != -1 {
            let inUse = used[key] ?? 0
            if value < inUse {
                throw ComputeError.badRequest(
                    "Quota \(key) limit must be equal or greater than existing resources. Current usage is \(inUse) "
                    + "and the requested limit is \(value).")
            }
        }
        var changes: [StoreChange] = limits.sorted { $0.key < $1.key }.map {
            .setProjectQuota(.volume, projectID: projectID, resource: $0.key, limit: $0.value)
        }
        changes.append(quotaAudit(caller, .updateQuotas, "quota_set", projectID))
        try await store.commit(changes)
        return try await quotaLimits(projectID: projectID)
    }

    /// Back to the defaults.
    public func deleteQuotaSet(_ caller: Caller, projectID: String) async throws {
        try authorize(.deleteQuotas, caller, projectID: projectID)
        try await store.commit([
            .deleteProjectQuotas(.volume, projectID: projectID), quotaAudit(caller, .deleteQuotas, "quota_set", projectID),
        ])
    }

    /// A quota class's limits: the defaults with the class's own (`default`'s are
    /// every project's defaults).
    public func quotaClassSet(_ caller: Caller, name: String) async throws -> [String: Int] {
        try authorize(.quotaClasses, caller, projectID: nil)
        return try await readQuotaClass(name)
    }

    public func updateQuotaClassSet(_ caller: Caller, name: String, _ limits: [String: Int]) async throws -> [String: Int] {
        try authorize(.quotaClasses, caller, projectID: nil)
        guard (1...255).contains(name.count) else {
            throw ComputeError.badRequest("Invalid input received: quota_class_name must be 1 to 255 characters long.")
        }
        try Self.checkQuotaValues(limits, what: "quota class set")
        var changes: [StoreChange] = limits.sorted { $0.key < $1.key }.map {
            .setProjectQuotaClass(.volume, className: name, resource: $0.key, limit: $0.value)
        }
        changes.append(quotaAudit(caller, .quotaClasses, "quota_class_set", name))
        try await store.commit(changes)
        return try await readQuotaClass(name)
    }

    private func readQuotaClass(_ name: String) async throws -> [String: Int] {
        let defaults = try await quotaLimits(projectID: nil)
        guard name != QuotaClass.defaultName else { return defaults }
        let own = try await store.projectQuotaClassLimits(.volume, className: name)
        return defaults.merging(own.filter { defaults[$0.key] != nil }) { _, set in set }
    }

    /// `GET /limits`: the project's limits and, when `limits_extension:used_limits`
    /// allows, its usage. Administrators may name another project (`project_id`,
    /// Cinder's 3.39 filter, honoured at any version here); others' requests for
    /// one are ignored, as Cinder ignores them.
    public func absoluteLimits(_ caller: Caller, projectID requested: String?) async throws -> VolumeLimits {
        var projectID = caller.auth.project?.id
        if let requested, caller.auth.isCloudAdmin { projectID = requested }
        let limits = try await quotaLimits(projectID: projectID)
        var used: [String: Int]?
        if let projectID, (try? authorize(.usedLimits, caller, projectID: projectID)) != nil {
            used = try await store.projectQuotaUsage(.volume, projectID: projectID, resources: Self.countedResources)
        }
        return VolumeLimits(limits: limits, used: used)
    }

    /// Known names only, each -1 … 2147483647, in Cinder's words.
    static func checkQuotaValues(_ limits: [String: Int], what: String = "quota set") throws {
        let known = Set(quotaResources)
        let bad = limits.keys.filter { !known.contains($0) }.sorted()
        if !bad.isEmpty {
            throw ComputeError.badRequest("Invalid input received: Bad key(s) in \(what): \(bad.joined(separator: ", "))")
        }
        for (key, value) in limits.sorted(by: { $0.key < $1.key }) {
            if value < -1 { throw ComputeError.badRequest("\(key) must be >= -1") }
            if value > maxQuotaLimit { throw ComputeError.badRequest("\(key) must be <= \(maxQuotaLimit)") }
        }
    }

    func quotaAudit(_ caller: Caller, _ action: VolumePolicy.Action, _ type: String, _ id: String) -> StoreChange {
        .appendAudit(AuditRecord(
            id: ids.newID(), time: clock.now(), requestID: caller.requestID, actorUserID: caller.auth.user.id,
            actorProjectID: caller.auth.project?.id, action: action.rawValue, targetType: type, targetID: id))
    }

    /// The checks of a create: one more volume of `sizeGiB`, counted in its transaction.
    func quotaChecks(projectID: String, sizeGiB: Int) -> [StoreChange] {
        [
            .requireProjectQuota(ProjectQuotaCheck(
                service: .volume, projectID: projectID, resource: "volumes", adding: 1, defaultLimit: settings.volumeQuota)),
            .requireProjectQuota(ProjectQuotaCheck(
                service: .volume, projectID: projectID, resource: "gigabytes", adding: sizeGiB,
                defaultLimit: settings.gigabytesQuota)),
        ]
    }
}

/// What Cinder's `GET /limits` shows: limits by Cinder's resource names, and the
/// usage when the caller may see it.
public struct VolumeLimits: Sendable, Equatable {
    public var limits: [String: Int]
    public var used: [String: Int]?
}
