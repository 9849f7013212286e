import Foundation

/// The APIs whose per-project limits live apart from compute's (Nova's
/// `quotas` table): Cinder's os-quota-sets and Neutron's quotas. Each names its
/// own resources, so the same word in two APIs never shares a limit.
public enum QuotaService: String, Sendable, Equatable, CaseIterable {
    case volume
    case network
}

/// What an insert adds to one counted resource of a project (Cinder's volumes
/// and gigabytes, Neutron's networks, subnets, ports, groups and rules). The
/// store checks it inside the inserting transaction, counting the live rows
/// there, against the project's own limit, else the service's `default` class,
/// else `defaultLimit` (-1: unlimited); concurrent creates never pass a limit
/// together. A failure is `StoreError.quotaExceeded`.
public struct ProjectQuotaCheck: Sendable, Equatable {
    public var service: QuotaService
    public var projectID: String
    public var resource: String
    public var adding: Int
    public var defaultLimit: Int

    public init(service: QuotaService, projectID: String, resource: String, adding: Int, defaultLimit: Int) {
        self.service = service
        self.projectID = projectID
        self.resource = resource
        self.adding = adding
        self.defaultLimit = defaultLimit
    }
}

/// The reads behind Cinder's and Neutron's quota APIs. Writes go through
/// `commit` (`setProjectQuota`, `deleteProjectQuotas`, `setProjectQuotaClass`,
/// `requireProjectQuota`).
public protocol ProjectQuotaStore: Sendable {
    /// The limits set for the project (only those set), by resource.
    func projectQuotaLimits(_ service: QuotaService, projectID: String) async throws -> [String: Int]
    /// Every project with a limit of its own, with those limits.
    func projectQuotaLimitsByProject(_ service: QuotaService) async throws -> [String: [String: Int]]
    /// A quota class's limits (only those set); `default` replaces the defaults.
    func projectQuotaClassLimits(_ service: QuotaService, className: String) async throws -> [String: Int]
    /// What the project holds of each resource, counted as the transactional
    /// check counts it (0 for resources this cloud has none of).
    func projectQuotaUsage(_ service: QuotaService, projectID: String, resources: [String]) async throws -> [String: Int]
}

/// A project's limits for a service: `defaults`, replaced by the `default`
/// class's, replaced by the project's own (Cinder's and Neutron's order).
public struct ServiceQuotaLimits: Sendable, Equatable {
    public var defaults: [String: Int]
    public var own: [String: Int]

    public init(defaults: [String: Int], own: [String: Int]) {
        self.defaults = defaults
        self.own = own
    }

    public var effective: [String: Int] {
        defaults.merging(own.filter { defaults[$0.key] != nil }) { _, mine in mine }
    }

    /// Reads the class `default` and the project's own limits over `configured`.
    static func read(
        _ store: any ProjectQuotaStore, _ service: QuotaService, projectID: String?, configured: [String: Int]
    ) async throws -> ServiceQuotaLimits {
        let classDefaults = try await store.projectQuotaClassLimits(service, className: QuotaClass.defaultName)
        let defaults = configured.merging(classDefaults.filter { configured[$0.key] != nil }) { _, set in set }
        guard let projectID else { return ServiceQuotaLimits(defaults: defaults, own: [:]) }
        return ServiceQuotaLimits(defaults: defaults, own: try await store.projectQuotaLimits(service, projectID: projectID))
    }
}

extension QuotaUsageLine {
    /// Each limit beside what the project holds of it (resources not counted hold 0).
    static func lines(
        _ store: any ProjectQuotaStore, _ service: QuotaService, projectID: String, limits: [String: Int],
        counted: [String]
    ) async throws -> [String: QuotaUsageLine] {
        let used = try await store.projectQuotaUsage(service, projectID: projectID, resources: counted)
        return limits.reduce(into: [:]) { lines, entry in
            lines[entry.key] = QuotaUsageLine(limit: entry.value, inUse: used[entry.key] ?? 0)
        }
    }
}

/// One line of a quota with its usage (Cinder's `?usage=True`, Neutron's details).
public struct QuotaUsageLine: Sendable, Equatable {
    public var limit: Int
    public var inUse: Int
    /// Nothing is reserved: usage is counted, not reserved ahead.
    public var reserved: Int { 0 }

    public init(limit: Int, inUse: Int) {
        self.limit = limit
        self.inUse = inUse
    }
}
