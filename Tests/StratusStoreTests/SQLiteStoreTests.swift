import Foundation
import StratusCore
import StratusStore
import Testing

/// Schema, row round trips and constraint translation of the SQLite store.
@Suite struct SQLiteStoreTests {
    let temp: TemporaryStore
    var store: SQLiteStore { temp.store }

    init() throws {
        temp = try TemporaryStore()
    }

    @Test func migratesAFreshFile() async throws {
        #expect(FileManager.default.fileExists(atPath: temp.path))
        #expect(try await store.domains(IdentityListFilter()).isEmpty)
        #expect(try await store.projects(IdentityListFilter()).isEmpty)
        #expect(try await store.users(IdentityListFilter()).isEmpty)
        #expect(try await store.roles(IdentityListFilter()).isEmpty)
        #expect(try await store.roleImplications().isEmpty)
        #expect(try await store.assignments(RoleAssignmentFilter()).isEmpty)
        #expect(try await store.auditRecords(limit: 10).isEmpty)
        // Every table the commit path writes exists.
        try await store.commit(Rows.seed + [
            .insertImplication(RoleImplication(priorRoleID: "r1", impliedRoleID: "r1")),
            .insertAssignment(RoleAssignment(userID: "u1", roleID: "r1", scope: .project("p1"))),
            .insertAssignment(RoleAssignment(userID: "u1", roleID: "r1", scope: .domain("d1"))),
            .insertAssignment(RoleAssignment(userID: "u1", roleID: "r1", scope: .system)),
            .insertToken(Rows.token("s", user: "u1")),
            .appendAudit(Rows.audit("a1")),
        ])
    }

    @Test func reopeningKeepsDataAndDoesNotRemigrate() async throws {
        try await store.commit(Rows.seed)
        let second = try temp.reopen()
        #expect(try await second.domain(id: "d1") == Rows.domain("d1"))
        #expect(try await second.user(id: "u1")?.name == "user-u1")
    }

    @Test func domainsRoundTrip() async throws {
        var fresh = Rows.domain("d1", name: "Alpha")
        fresh.version = 0
        try await store.commit([.insertDomain(fresh), .insertDomain(Rows.domain("d2", name: "Beta", enabled: false))])
        let read = try #require(try await store.domain(id: "d1"))
        #expect(read == Domain(id: "d1", name: "Alpha", description: "about d1", enabled: true, version: 1))
        #expect(try await store.domain(named: "Beta")?.id == "d2")
        #expect(try await store.domain(named: "beta") == nil)
        #expect(try await store.domain(id: "nope") == nil)
        #expect(try await store.domains(IdentityListFilter()).map(\.id) == ["d1", "d2"])
        #expect(try await store.domains(IdentityListFilter(enabled: false)).map(\.id) == ["d2"])
        #expect(try await store.domains(IdentityListFilter(name: "Alpha")).map(\.id) == ["d1"])
    }

    @Test func projectsRoundTrip() async throws {
        try await store.commit([
            .insertDomain(Rows.domain("d1")), .insertDomain(Rows.domain("d2")),
            .insertProject(Rows.project("p1", domain: "d1", name: "web")),
            .insertProject(Rows.project("p2", domain: "d2", name: "web", enabled: false)),
            .insertProject(Project(id: "p3", name: "db", domainID: "d1")),
        ])
        #expect(try await store.project(id: "p1") == Rows.project("p1", domain: "d1", name: "web"))
        #expect(try await store.project(id: "p3") == Project(id: "p3", name: "db", domainID: "d1", version: 1))
        #expect(try await store.project(named: "web", domainID: "d2")?.id == "p2")
        #expect(try await store.project(named: "web", domainID: "d3") == nil)
        #expect(try await store.projects(IdentityListFilter(domainID: "d1")).map(\.id) == ["p3", "p1"])
        #expect(try await store.projects(IdentityListFilter(name: "web", enabled: true)).map(\.id) == ["p1"])
    }

    @Test func usersRoundTrip() async throws {
        try await store.commit(Rows.seed + [
            .insertUser(User(id: "u2", name: "bare", domainID: "d1")),
        ])
        #expect(try await store.user(id: "u1") == Rows.user("u1", domain: "d1", defaultProject: "p1"))
        let bare = try #require(try await store.user(named: "bare", domainID: "d1"))
        #expect(bare == User(id: "u2", name: "bare", domainID: "d1", version: 1))
        #expect(bare.passwordHash == nil && bare.email == nil && bare.defaultProjectID == nil)
        #expect(try await store.users(IdentityListFilter(domainID: "d1")).map(\.id) == ["u2", "u1"])
        #expect(try await store.users(IdentityListFilter(name: "user-u1")).map(\.id) == ["u1"])
    }

    @Test func rolesAndImplicationsRoundTrip() async throws {
        try await store.commit([
            .insertDomain(Rows.domain("d1")),
            .insertRole(Rows.role("r-admin", name: "admin")),
            .insertRole(Rows.role("r-member", name: "member")),
            .insertRole(Rows.role("r-local", name: "admin", domain: "d1")),
            .insertImplication(RoleImplication(priorRoleID: "r-admin", impliedRoleID: "r-member")),
            .insertImplication(RoleImplication(priorRoleID: "r-admin", impliedRoleID: "r-member")),
        ])
        #expect(try await store.role(id: "r-local") == Rows.role("r-local", name: "admin", domain: "d1"))
        #expect(try await store.role(named: "admin")?.id == "r-admin")
        #expect(try await store.roles(IdentityListFilter()).map(\.id) == ["r-admin", "r-member"])
        #expect(try await store.roles(IdentityListFilter(domainID: "d1")).map(\.id) == ["r-local"])
        #expect(try await store.roleImplications() == [RoleImplication(priorRoleID: "r-admin", impliedRoleID: "r-member")])
        try await store.commit([.deleteImplication(RoleImplication(priorRoleID: "r-admin", impliedRoleID: "r-member"))])
        #expect(try await store.roleImplications().isEmpty)
    }

    @Test func assignmentsInsertIdempotentlyAndFilter() async throws {
        let onProject = RoleAssignment(userID: "u1", roleID: "r1", scope: .project("p1"))
        let onDomain = RoleAssignment(userID: "u1", roleID: "r1", scope: .domain("d1"))
        let onSystem = RoleAssignment(userID: "u1", roleID: "r2", scope: .system)
        try await store.commit(Rows.seed + [
            .insertRole(Rows.role("r2")),
            .insertAssignment(onProject), .insertAssignment(onProject), .insertAssignment(onDomain),
            .insertAssignment(onSystem), .insertAssignment(onSystem),
        ])
        #expect(Set(try await store.assignments(RoleAssignmentFilter())) == [onProject, onDomain, onSystem])
        #expect(try await store.assignments(RoleAssignmentFilter()).count == 3)
        #expect(try await store.assignments(RoleAssignmentFilter(scope: .project("p1"))) == [onProject])
        #expect(try await store.assignments(RoleAssignmentFilter(scope: .project("p2"))).isEmpty)
        #expect(try await store.assignments(RoleAssignmentFilter(scope: .domain("d1"))) == [onDomain])
        #expect(try await store.assignments(RoleAssignmentFilter(scope: .system)) == [onSystem])
        #expect(try await store.assignments(RoleAssignmentFilter(roleID: "r2")) == [onSystem])
        #expect(try await store.assignments(RoleAssignmentFilter(userID: "u9")).isEmpty)
        try await store.commit([.deleteAssignment(onProject), .deleteAssignment(onSystem)])
        #expect(try await store.assignments(RoleAssignmentFilter(userID: "u1")) == [onDomain])
    }

    // MARK: Constraints

    @Test func duplicateNamesAreReportedAsDuplicate() async throws {
        try await store.commit(Rows.seed + [.insertDomain(Rows.domain("d2"))])
        let duplicates: [StoreChange] = [
            .insertDomain(Rows.domain("d9", name: "domain-d1")),
            .insertDomain(Rows.domain("d1", name: "other name")),
            .insertProject(Rows.project("p9", domain: "d1", name: "project-p1")),
            .insertUser(Rows.user("u9", domain: "d1", name: "user-u1")),
            .insertRole(Rows.role("r9", name: "role-r1")),
        ]
        for change in duplicates {
            #expect(await store.commitFailure([change]) == .duplicate, "\(change)")
        }
        // The same names are fine in another domain.
        try await store.commit([
            .insertProject(Rows.project("p2", domain: "d2", name: "project-p1")),
            .insertUser(Rows.user("u2", domain: "d2", name: "user-u1")),
            .insertRole(Rows.role("r2", name: "role-r1", domain: "d2")),
        ])
        #expect(try await store.projects(IdentityListFilter(name: "project-p1")).count == 2)
    }

    @Test func missingReferencesAreReportedAsMissingReference() async throws {
        try await store.commit(Rows.seed)
        let dangling: [StoreChange] = [
            .insertProject(Rows.project("p9", domain: "nope")),
            .insertUser(Rows.user("u9", domain: "nope")),
            .insertUser(Rows.user("u9", domain: "d1", defaultProject: "nope")),
            .insertRole(Rows.role("r9", domain: "nope")),
            .insertImplication(RoleImplication(priorRoleID: "r1", impliedRoleID: "nope")),
            .insertAssignment(RoleAssignment(userID: "nope", roleID: "r1", scope: .project("p1"))),
            .insertAssignment(RoleAssignment(userID: "u1", roleID: "nope", scope: .project("p1"))),
            .insertAssignment(RoleAssignment(userID: "u1", roleID: "r1", scope: .project("nope"))),
            .insertAssignment(RoleAssignment(userID: "u1", roleID: "r1", scope: .domain("nope"))),
            .insertAssignment(RoleAssignment(userID: "nope", roleID: "r1", scope: .system)),
            .insertToken(Rows.token("s", user: "nope")),
            .insertToken(Rows.token("s", user: "u1", scope: .project("nope"))),
        ]
        for change in dangling {
            #expect(await store.commitFailure([change]) == .missingReference, "\(change)")
        }
        #expect(try await store.assignments(RoleAssignmentFilter()).isEmpty)
        #expect(try await store.token(secretHash: TokenSecret.hash("s")) == nil)
    }

    @Test func deletesCascadeToDependants() async throws {
        try await store.commit(Rows.seed + [
            .insertUser(Rows.user("u2", domain: "d1", defaultProject: "p1")),
            .insertAssignment(RoleAssignment(userID: "u1", roleID: "r1", scope: .project("p1"))),
            .insertAssignment(RoleAssignment(userID: "u2", roleID: "r1", scope: .project("p1"))),
            .insertToken(Rows.token("t1", user: "u1", scope: .project("p1"))),
            .insertToken(Rows.token("t2", user: "u2")),
        ])
        try await store.commit([.deleteUser(id: "u2", version: 1)])
        #expect(try await store.assignments(RoleAssignmentFilter(userID: "u2")).isEmpty)
        #expect(try await store.token(secretHash: TokenSecret.hash("t2")) == nil)

        try await store.commit([.deleteProject(id: "p1", version: 1)])
        #expect(try await store.assignments(RoleAssignmentFilter()).isEmpty)
        #expect(try await store.token(secretHash: TokenSecret.hash("t1")) == nil)
        #expect(try await store.user(id: "u1")?.defaultProjectID == nil)

        try await store.commit([.deleteDomain(id: "d1", version: 1)])
        #expect(try await store.user(id: "u1") == nil)
        #expect(try await store.role(id: "r1") != nil)
    }
}
