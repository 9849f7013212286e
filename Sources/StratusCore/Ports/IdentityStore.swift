import Foundation

/// Filters shared by the domain, project, user and role lists; nil means "any".
public struct IdentityListFilter: Sendable, Equatable {
    public var name: String?
    public var domainID: String?
    public var enabled: Bool?

    public init(name: String? = nil, domainID: String? = nil, enabled: Bool? = nil) {
        self.name = name
        self.domainID = domainID
        self.enabled = enabled
    }
}

/// The identity part of the Store port. Reads are independent; writes go
/// through `commit`, one transaction per call.
public protocol IdentityStore: Sendable {
    func domain(id: String) async throws -> Domain?
    func domain(named name: String) async throws -> Domain?
    func domains(_ filter: IdentityListFilter) async throws -> [Domain]

    func project(id: String) async throws -> Project?
    func project(named name: String, domainID: String) async throws -> Project?
    func projects(_ filter: IdentityListFilter) async throws -> [Project]

    func user(id: String) async throws -> User?
    func user(named name: String, domainID: String) async throws -> User?
    func users(_ filter: IdentityListFilter) async throws -> [User]

    func role(id: String) async throws -> Role?
    func role(named name: String) async throws -> Role?
    func roles(_ filter: IdentityListFilter) async throws -> [Role]
    func roleImplications() async throws -> [RoleImplication]

    func group(id: String) async throws -> Group?
    func groups(_ filter: IdentityListFilter) async throws -> [Group]
    func groups(ofUser userID: String) async throws -> [Group]
    func members(ofGroup groupID: String) async throws -> [User]

    func assignments(_ filter: RoleAssignmentFilter) async throws -> [RoleAssignment]

    func token(secretHash: String) async throws -> TokenRecord?
    /// The rows `token` depends on, from one snapshot.
    func dependencies(of token: TokenRecord) async throws -> TokenDependencies

    func auditRecords(limit: Int) async throws -> [AuditRecord]

    func commit(_ changes: [StoreChange]) async throws
}
