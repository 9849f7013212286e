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

    func auditRecords(limit: Int) async throws -> [AuditRecord]
    func commit(_ changes: [StoreChange]) async throws
}
