import Foundation
import StratusCore
import StratusStore
import Testing

/// One transaction per commit: compare-and-set, all-or-nothing, audit in the same commit.
@Suite struct SQLiteStoreCommitTests {
    let temp: TemporaryStore
    var store: SQLiteStore { temp.store }

    init() throws {
        temp = try TemporaryStore()
    }

    @Test func updateWithCurrentVersionBumpsIt() async throws {
        try await store.commit(Rows.seed)
        var domain = try #require(try await store.domain(id: "d1"))
        domain.description = "changed"
        try await store.commit([.updateDomain(domain)])
        let read = try #require(try await store.domain(id: "d1"))
        #expect(read.description == "changed")
        #expect(read.version == domain.version + 1)
    }

    @Test func staleUpdatesConflictAndChangeNothing() async throws {
        try await store.commit(Rows.seed)
        let domain = try #require(try await store.domain(id: "d1"))
        let project = try #require(try await store.project(id: "p1"))
        let user = try #require(try await store.user(id: "u1"))
        let role = try #require(try await store.role(id: "r1"))
        // Another writer gets there first.
        try await store.commit([.updateDomain(domain), .updateProject(project), .updateUser(user), .updateRole(role)])

        var staleDomain = domain
        staleDomain.name = "renamed"
        var staleProject = project
        staleProject.tags = ["x"]
        var staleUser = user
        staleUser.enabled = false
        var staleRole = role
        staleRole.description = "edited"
        for change: StoreChange in [
            .updateDomain(staleDomain), .updateProject(staleProject), .updateUser(staleUser), .updateRole(staleRole),
            .deleteDomain(id: "d1", version: domain.version), .deleteProject(id: "p1", version: project.version),
            .deleteUser(id: "u1", version: user.version), .deleteRole(id: "r1", version: role.version),
        ] {
            #expect(await store.commitFailure([change]) == .versionConflict, "\(change)")
        }
        var expectedDomain = domain
        expectedDomain.version += 1
        #expect(try await store.domain(id: "d1") == expectedDomain)
        #expect(try await store.project(id: "p1")?.tags == ["t1", "t2"])
        #expect(try await store.user(id: "u1")?.enabled == true)
        #expect(try await store.role(id: "r1")?.description == "")
    }

    @Test func updateOrDeleteOfAMissingRowConflicts() async throws {
        #expect(await store.commitFailure([.updateDomain(Rows.domain("ghost"))]) == .versionConflict)
        #expect(await store.commitFailure([.deleteUser(id: "ghost", version: 1)]) == .versionConflict)
    }

    @Test func failingLastChangeCommitsNothing() async throws {
        try await store.commit([.insertDomain(Rows.domain("d0")), .insertDomain(Rows.domain("dz"))])
        let stale = try #require(try await store.domain(id: "dz"))
        try await store.commit([.updateDomain(stale)])
        let lastChanges: [(StoreChange, StoreErrorKind)] = [
            (.insertDomain(Rows.domain("d9", name: "domain-d1")), .duplicate),
            (.insertProject(Rows.project("p9", domain: "nope")), .missingReference),
            (.updateDomain(stale), .versionConflict),
        ]
        for (last, kind) in lastChanges {
            let changes = Rows.seed + [
                .insertAssignment(RoleAssignment(userID: "u1", roleID: "r1", scope: .project("p1"))),
                .insertToken(Rows.token("t", user: "u1", scope: .project("p1"))),
                .deleteDomain(id: "d0", version: 1),
                .appendAudit(Rows.audit("a1")),
                last,
            ]
            #expect(await store.commitFailure(changes) == kind, "\(last)")
            #expect(try await store.domain(id: "d1") == nil)
            #expect(try await store.project(id: "p1") == nil)
            #expect(try await store.user(id: "u1") == nil)
            #expect(try await store.role(id: "r1") == nil)
            #expect(try await store.assignments(RoleAssignmentFilter()).isEmpty)
            #expect(try await store.token(secretHash: TokenSecret.hash("t")) == nil)
            #expect(try await store.domain(id: "d0") != nil, "the delete was rolled back")
            #expect(try await store.auditRecords(limit: 10).isEmpty)
        }
        // The same changes without the failing one do commit.
        try await store.commit(Rows.seed + [.deleteDomain(id: "d0", version: 1), .appendAudit(Rows.audit("a1"))])
        #expect(try await store.domain(id: "d1") != nil)
        #expect(try await store.domain(id: "d0") == nil)
    }

    @Test func auditRecordsAreAppendedInTheSameCommit() async throws {
        let record = AuditRecord(
            id: "a1", time: Rows.epoch, requestID: "req-1", actorUserID: "u-actor", actorProjectID: "p-actor",
            action: "identity:create_domain", targetType: "domain", targetID: "d1")
        try await store.commit([.insertDomain(Rows.domain("d1")), .appendAudit(record)])
        #expect(try await store.auditRecords(limit: 10) == [record])

        #expect(await store.commitFailure([.appendAudit(Rows.audit("a2")), .insertDomain(Rows.domain("d1"))]) == .duplicate)
        #expect(try await store.auditRecords(limit: 10).map(\.id) == ["a1"])
    }

    @Test func auditRecordsAreNewestFirstAndLimited() async throws {
        try await store.commit([
            .appendAudit(Rows.audit("old", at: Rows.epoch)),
            .appendAudit(Rows.audit("new", at: Rows.epoch.addingTimeInterval(60))),
            .appendAudit(Rows.audit("mid", at: Rows.epoch.addingTimeInterval(30))),
        ])
        try await store.commit([.appendAudit(Rows.audit("newest", at: Rows.epoch.addingTimeInterval(90)))])
        #expect(try await store.auditRecords(limit: 10).map(\.id) == ["newest", "new", "mid", "old"])
        #expect(try await store.auditRecords(limit: 2).map(\.id) == ["newest", "new"])
        let nullable = AuditRecord(id: "n", time: Rows.epoch, requestID: "r", actorUserID: nil, actorProjectID: nil,
                                   action: "identity:bootstrap", targetType: "user", targetID: "u")
        try await store.commit([.appendAudit(nullable)])
        #expect(try await store.auditRecords(limit: 10).contains(nullable))
    }
}
