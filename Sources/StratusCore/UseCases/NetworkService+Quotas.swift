import Foundation

/// Neutron's quotas: per-project limits on networks, subnets, ports, security
/// groups and rules, enforced where each is inserted (`requireProjectQuota`
/// counts the project's rows inside the inserting transaction, so concurrent
/// creates never pass a limit). Ports compute makes for a server count too, as
/// Neutron counts the ports Nova asks it for. Routers, floating IPs, RBAC
/// policies and subnet pools do not exist here: their limits are kept and shown
/// (clients set and read them) with nothing to count.
extension NetworkService {
    /// Neutron's defaults, by resource.
    public static let quotaDefaults: [String: Int] = [
        "network": 100, "subnet": 100, "port": 500, "security_group": 10, "security_group_rule": 100,
        "router": 10, "floatingip": 50, "rbac_policy": 10, "subnetpool": -1,
    ]
    /// The resources counted (and so enforced) here.
    public static let countedQuotaResources = ["network", "subnet", "port", "security_group", "security_group_rule"]
    /// Neutron's largest limit (`DB_INTEGER_MAX_VALUE`).
    public static let maxQuotaLimit = 2_147_483_647

    func quotaLimits(projectID: String?) async throws -> [String: Int] {
        try await ServiceQuotaLimits.read(store, .network, projectID: projectID, configured: Self.quotaDefaults).effective
    }

    /// The caller's project's quotas are its readers'; another project's, an administrator's.
    func authorizeQuota(_ action: NetworkPolicy.Action, _ caller: Caller, projectID: String) throws {
        guard !projectID.isEmpty else { throw NetworkError.policyDenied(action.rawValue) }
        try authorize(action, caller, projectID: projectID)
    }

    /// `GET /quotas/{project_id}`.
    public func quota(_ caller: Caller, projectID: String) async throws -> [String: Int] {
        try authorizeQuota(.getQuota, caller, projectID: projectID)
        return try await quotaLimits(projectID: projectID)
    }

    /// `GET /quotas/{project_id}/default`.
    public func defaultQuota(_ caller: Caller, projectID: String) async throws -> [String: Int] {
        try authorizeQuota(.getQuota, caller, projectID: projectID)
        return try await quotaLimits(projectID: nil)
    }

    /// `GET /quotas/{project_id}/details`: each limit with what the project holds.
    public func quotaDetails(_ caller: Caller, projectID: String) async throws -> [String: QuotaUsageLine] {
        try authorizeQuota(.getQuota, caller, projectID: projectID)
        return try await QuotaUsageLine.lines(
            store, .network, projectID: projectID, limits: try await quotaLimits(projectID: projectID),
            counted: Self.countedQuotaResources)
    }

    /// `GET /quotas`: the projects with limits of their own, those the caller may
    /// see (an administrator every one; Neutron's rule is admin-only, here a
    /// project's reader finds its own).
    public func quotas(_ caller: Caller) async throws -> [(projectID: String, limits: [String: Int])] {
        try authorize(.getQuota, caller, projectID: caller.auth.project?.id)
        let defaults = try await quotaLimits(projectID: nil)
        return try await store.projectQuotaLimitsByProject(.network).sorted { $0.key < $1.key }.compactMap { project, own in
            guard (try? authorizeQuota(.getQuota, caller, projectID: project)) != nil else { return nil }
            return (project, ServiceQuotaLimits(defaults: defaults, own: own).effective)
        }
    }

    /// `PUT /quotas/{project_id}`: sets limits by Neutron's names (-1 unlimited,
    /// up to 2147483647). Unless `force`, a limit under what the project already
    /// holds is refused, as Neutron's `check_limit` (its default since 2024.2).
    public func updateQuota(
        _ caller: Caller, projectID: String, _ limits: [String: Int], force: Bool = false
    ) async throws -> [String: Int] {
        try authorizeQuota(.updateQuota, caller, projectID: projectID)
        for (key, value) in limits.sorted(by: { $0.key < $1.key }) {
            guard Self.quotaDefaults[key] != nil else { throw NetworkError.badRequest("Unrecognized attribute(s) '\(key)'") }
            if value < -1 {
                throw NetworkError.invalidInput("Invalid input for \(key). Reason: '\(value)' is too small - must be at least '-1'")
            }
            if value > Self.maxQuotaLimit {
                throw NetworkError.invalidInput(
                    "Invalid input for \(key). Reason: '\(value)' is too large - must be no larger than '\(Self.maxQuotaLimit)'")
            }
        }
        if !force {
            let used = try await store.projectQuotaUsage(.network, projectID: projectID, resources: Self.countedQuotaResources)
            for (key, value) in limits.sorted(by: { $0.key < $1.key }) where value >= 0 && (used[key] ?? 0) > value {
                throw NetworkError.badRequest(
                    "Quota limit \(value) for \(key) must be greater than or equal to already used \(used[key] ?? 0)")
            }
        }
        var changes: [StoreChange] = limits.sorted { $0.key < $1.key }.map {
            .setProjectQuota(.network, projectID: projectID, resource: $0.key, limit: $0.value)
        }
        changes.append(audit(caller, .updateQuota, "quota", projectID))
        try await store.commit(changes)
        return try await quotaLimits(projectID: projectID)
    }

    /// `DELETE /quotas/{project_id}`: back to the defaults.
    public func deleteQuota(_ caller: Caller, projectID: String) async throws {
        try authorizeQuota(.deleteQuota, caller, projectID: projectID)
        try await store.commit([.deleteProjectQuotas(.network, projectID: projectID), audit(caller, .deleteQuota, "quota", projectID)])
    }

    /// The check a create commits before its insert: `adding` more of `resource`.
    func quotaCheck(_ resource: String, projectID: String, adding: Int = 1) -> StoreChange {
        .requireProjectQuota(ProjectQuotaCheck(
            service: .network, projectID: projectID, resource: resource, adding: adding,
            defaultLimit: Self.quotaDefaults[resource] ?? -1))
    }

    /// Commits a create; over quota is Neutron's 409 `OverQuota`.
    func commitCounted(_ changes: [StoreChange]) async throws {
        do {
            try await store.commit(changes)
        } catch StoreError.quotaExceeded(let exceeded) {
            throw NetworkError.overQuota([exceeded.resource])
        }
    }
}

extension NetworkError {
    /// neutron-lib's `OverQuota` (a Conflict): the resources as Python prints a list.
    public static func overQuota(_ resources: [String]) -> NetworkError {
        let list = resources.sorted().map { "'\($0)'" }.joined(separator: ", ")
        return NetworkError(.conflict, "OverQuota", "Quota exceeded for resources: [\(list)].")
    }
}
