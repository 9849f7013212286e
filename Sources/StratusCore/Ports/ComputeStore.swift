import Foundation

/// The compute part of the Store port. Writes go through the same
/// `commit([StoreChange])` as identity, so a compute change and its audit
/// record are one transaction.
public protocol ComputeStore: Sendable {
    func flavor(id: String) async throws -> Flavor?
    func flavor(named name: String) async throws -> Flavor?
    /// Ordered by id (Nova's default sort is flavorid ascending), after `marker`.
    func flavors(_ filter: FlavorListFilter, visibleTo projectID: String?) async throws -> [Flavor]
    func flavorProjects(flavorID: String) async throws -> [String]

    /// Every registered host with its current usage (the sum of its claims).
    func computeHosts() async throws -> [ComputeHost]
    func claim(instanceID: String) async throws -> ResourceClaim?
    /// Hosts with their integer numbers and claim counts, for the admin APIs.
    func registeredHosts() async throws -> [RegisteredHost]

    func keypair(userID: String, name: String) async throws -> Keypair?
    func keypairs(userID: String) async throws -> [Keypair]

    func instance(id: String) async throws -> Instance?
    /// Instances matching the filter's store-side parts (project, image, flavor,
    /// host, changes-since, locked, deleted), newest first (Nova's default
    /// `created_at desc`). The name pattern and status are applied by the use
    /// case; when neither is set the store also pages (after `marker`, at most
    /// `limit`), otherwise the use case pages what is left.
    func instances(_ filter: ServerListFilter) async throws -> [Instance]
    /// The live (not deleted) instances placed on a host, and those it keeps
    /// as the source of a pending resize or migration: its desired state.
    func instances(hostID: String) async throws -> [Instance]
    /// One page of the same, by id after `cursor` (nil: from the first), at most `limit`.
    func instances(hostID: String, after cursor: String?, limit: Int) async throws -> [Instance]
    /// Servers that ran at some time in `start...stop` (launched by its end, not
    /// terminated before its start), deleted ones too, oldest first, optionally
    /// one project's and a page after the server `marker`.
    func instancesActive(
        from start: Date, to stop: Date, projectID: String?, limit: Int?, after marker: String?
    ) async throws -> [Instance]
    /// Instances whose resize or cold migration waits for a destination.
    func instancesAwaitingMigration(limit: Int) async throws -> [Instance]
    /// Instances accepted but not yet placed, oldest first.
    func unplacedInstances(limit: Int) async throws -> [Instance]
    /// Instances whose task is a live migration (few at any time).
    func instancesMigratingLive() async throws -> [Instance]
    func instanceUsage(projectID: String) async throws -> InstanceUsage
    func instanceActions(instanceID: String) async throws -> [InstanceAction]
    /// Newest first; `StoreError.notFound`-free: an unknown marker is the caller's to check.
    func migrations(_ filter: ServerMigrationFilter) async throws -> [ServerMigration]
    func migration(uuid: String) async throws -> ServerMigration?
    func serverGroup(id: String) async throws -> ServerGroup?
    /// A project's groups (nil: every project's), oldest first.
    func serverGroups(projectID: String?) async throws -> [ServerGroup]
    /// The group an instance belongs to, if any.
    func serverGroup(memberID: String) async throws -> ServerGroup?
    /// Host ids of the group's placed live members, once per member.
    func serverGroupMemberHosts(groupID: String) async throws -> [String]
    /// Per-project quota overrides by Nova resource name.
    func quotaOverrides(projectID: String) async throws -> [String: Int]
    /// A quota class's limits by resource name (only those set).
    func quotaClassLimits(className: String) async throws -> [String: Int]
    /// Every host aggregate with its hosts and metadata, oldest first.
    func aggregates() async throws -> [HostAggregate]

    func auditRecords(limit: Int) async throws -> [AuditRecord]
    func commit(_ changes: [StoreChange]) async throws
}
