import Foundation
import StratusCore
import StratusStore
import Testing

/// An IdentityService over a real SQLiteStore in a temporary directory, with a
/// manual clock, fast password hashing and the default policy.
struct IdentityWorld {
    static let adminPassword = "admin-secret"
    static let tokenLifetime: TimeInterval = 3600

    let temp: TemporaryStore
    let clock = ManualClock()
    let service: IdentityService
    var store: SQLiteStore { temp.store }

    init(lockout: LoginLockout = .off, loginRate: TokenRequestLimiter.Rate? = nil) throws {
        temp = try TemporaryStore()
        service = IdentityService(
            store: temp.store, policy: try PolicyEngine(defaults: IdentityPolicy.defaults), clock: clock,
            hasher: PasswordHasher(rounds: 1000),
            settings: IdentityService.Settings(tokenLifetime: Self.tokenLifetime, lockout: lockout, loginRate: loginRate))
    }

    @discardableResult
    func bootstrap(password: String = adminPassword) async throws -> BootstrapOutcome {
        try await service.bootstrap(BootstrapRequest(adminPassword: password))
    }

    /// A password login in domain Default, scoped to a project given by id.
    func login(_ name: String, _ password: String, projectID: String? = nil, source: String = "10.0.0.1") async throws -> IssuedToken {
        let scope: ScopeRequest = projectID.map { .project(.id($0)) } ?? .unscoped
        return try await service.authenticate(AuthRequest(
            proof: .password(user: .name(name, domain: .id(Domain.defaultID)), password: password),
            scope: scope, sourceAddress: source))
    }

    func caller(_ token: IssuedToken, requestID: String = "req-test") -> Caller {
        Caller(auth: token.context, requestID: requestID)
    }

    /// Bootstraps and returns the admin's project-scoped caller.
    func admin() async throws -> Caller {
        let outcome = try await bootstrap()
        return caller(try await login("admin", Self.adminPassword, projectID: outcome.adminProjectID), requestID: "req-admin")
    }

    func roleID(_ name: String) async throws -> String {
        try #require(try await store.role(named: name)).id
    }

    /// Creates a user with password `pw-<name>` holding `role` on `projectID`.
    @discardableResult
    func makeUser(_ name: String, role: String, on projectID: String, by admin: Caller) async throws -> User {
        let user = try await service.createUser(admin, UserDraft(name: name, password: "pw-\(name)", defaultProjectID: projectID))
        try await service.grant(admin, RoleAssignment(userID: user.id, roleID: try await roleID(role), scope: .project(projectID)))
        return user
    }

    /// The cast of the policy table: projects P1 and P2, a member and a reader
    /// on P1, and a member of P2.
    struct Cast {
        var admin: Caller
        var p1: Project
        var p2: Project
        var member: Caller
        var reader: Caller
        var other: Caller
    }

    func cast() async throws -> Cast {
        let admin = try await admin()
        let p1 = try await service.createProject(admin, ProjectDraft(name: "P1"))
        let p2 = try await service.createProject(admin, ProjectDraft(name: "P2"))
        try await makeUser("member", role: Role.member, on: p1.id, by: admin)
        try await makeUser("reader", role: Role.reader, on: p1.id, by: admin)
        try await makeUser("other", role: Role.member, on: p2.id, by: admin)
        return Cast(
            admin: admin, p1: p1, p2: p2,
            member: caller(try await login("member", "pw-member", projectID: p1.id), requestID: "req-member"),
            reader: caller(try await login("reader", "pw-reader", projectID: p1.id), requestID: "req-reader"),
            other: caller(try await login("other", "pw-other", projectID: p2.id), requestID: "req-other"))
    }

    /// Everything the store can list, to show that a refused call wrote nothing.
    struct Snapshot: Equatable {
        var domains: [Domain]
        var projects: [Project]
        var users: [User]
        var roles: [Role]
        var implications: [RoleImplication]
        var assignments: [RoleAssignment]
        var audit: [AuditRecord]
    }

    func snapshot() async throws -> Snapshot {
        Snapshot(
            domains: try await store.domains(IdentityListFilter()),
            projects: try await store.projects(IdentityListFilter()),
            users: try await store.users(IdentityListFilter()),
            roles: try await store.roles(IdentityListFilter()),
            implications: try await store.roleImplications(),
            assignments: try await store.assignments(RoleAssignmentFilter()),
            audit: try await store.auditRecords(limit: 10_000))
    }

    func tokenStored(_ token: IssuedToken) async throws -> Bool {
        try await store.token(secretHash: TokenSecret.hash(token.secret)) != nil
    }
}

/// The error a call fails with, as an IdentityError; nil if it succeeded.
func identityError(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async -> IdentityError? {
    do {
        try await body()
        return nil
    } catch let error as IdentityError {
        return error
    } catch {
        Issue.record("expected an IdentityError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

extension IdentityError {
    var isForbidden: Bool { if case .forbidden = self { true } else { false } }
    var isUnauthorized: Bool { if case .unauthorized = self { true } else { false } }
}
