import Foundation
import StratusCore
import Testing

extension IdentityServiceTests {
    /// Every mutation appends exactly one audit record naming actor, action and target.
    @Suite struct Audit {
        let world: IdentityWorld
        init() throws { world = try IdentityWorld() }

        /// Runs `mutation` and checks it appended one record with that action and target.
        func expectAudited(
            _ action: IdentityPolicy.Action, by caller: Caller, targetMatches: ((String) -> Bool)? = nil,
            sourceLocation: SourceLocation = #_sourceLocation, _ mutation: () async throws -> String
        ) async throws {
            world.clock.advance(by: 1)
            let before = try await world.store.auditRecords(limit: 10_000).count
            let targetID = try await mutation()
            let records = try await world.store.auditRecords(limit: 10_000)
            #expect(records.count == before + 1, "\(action.rawValue)", sourceLocation: sourceLocation)
            let newest = try #require(records.first, sourceLocation: sourceLocation)
            #expect(newest.action == action.rawValue, sourceLocation: sourceLocation)
            let matches = targetMatches ?? { $0 == targetID }
            #expect(matches(newest.targetID), "\(action.rawValue): \(newest.targetID)", sourceLocation: sourceLocation)
            #expect(newest.actorUserID == caller.auth.user.id, sourceLocation: sourceLocation)
            #expect(newest.actorProjectID == caller.auth.project?.id, sourceLocation: sourceLocation)
            #expect(newest.requestID == caller.requestID, sourceLocation: sourceLocation)
            #expect(newest.time == world.clock.now(), sourceLocation: sourceLocation)
        }

        @Test func everyMutationIsAudited() async throws {
            let admin = try await world.admin()
            let service = world.service
            let member = try await world.roleID(Role.member)

            var domain = Domain(id: "", name: "")
            try await expectAudited(.createDomain, by: admin) {
                domain = try await service.createDomain(admin, DomainDraft(name: "D"))
                return domain.id
            }
            try await expectAudited(.updateDomain, by: admin) {
                try await service.updateDomain(admin, id: domain.id, DomainPatch(description: "d")).id
            }
            var project = Project(id: "", name: "", domainID: "")
            try await expectAudited(.createProject, by: admin) {
                project = try await service.createProject(admin, ProjectDraft(name: "P", domainID: domain.id))
                return project.id
            }
            try await expectAudited(.updateProject, by: admin) {
                try await service.updateProject(admin, id: project.id, ProjectPatch(tags: ["a"])).id
            }
            var user = User(id: "", name: "", domainID: "")
            try await expectAudited(.createUser, by: admin) {
                user = try await service.createUser(admin, UserDraft(name: "U", domainID: domain.id, password: "pw"))
                return user.id
            }
            try await expectAudited(.updateUser, by: admin) {
                try await service.updateUser(admin, id: user.id, UserPatch(description: .some("u"))).id
            }
            let grant = RoleAssignment(userID: user.id, roleID: member, scope: .project(project.id))
            let namesGrant = { (target: String) in
                target.contains(member) && target.contains(user.id) && target.contains(project.id)
            }
            try await expectAudited(.createGrant, by: admin, targetMatches: namesGrant) {
                try await service.grant(admin, grant)
                return ""
            }
            try await expectAudited(.revokeGrant, by: admin, targetMatches: namesGrant) {
                try await service.revokeGrant(admin, grant)
                return ""
            }
            var role = Role(id: "", name: "")
            try await expectAudited(.createRole, by: admin) {
                role = try await service.createRole(admin, RoleDraft(name: "R"))
                return role.id
            }
            try await expectAudited(.updateRole, by: admin) {
                try await service.updateRole(admin, id: role.id, RolePatch(description: "r")).id
            }
            let rule = RoleImplication(priorRoleID: role.id, impliedRoleID: member)
            try await expectAudited(.createImpliedRole, by: admin) {
                try await service.createImpliedRole(admin, rule)
                return role.id
            }
            try await expectAudited(.deleteImpliedRole, by: admin) {
                try await service.deleteImpliedRole(admin, rule)
                return role.id
            }
            try await expectAudited(.deleteRole, by: admin) {
                try await service.deleteRole(admin, id: role.id)
                return role.id
            }
            try await expectAudited(.deleteUser, by: admin) {
                try await service.deleteUser(admin, id: user.id)
                return user.id
            }
            try await expectAudited(.deleteProject, by: admin) {
                try await service.deleteProject(admin, id: project.id)
                return project.id
            }
            try await expectAudited(.updateDomain, by: admin) {
                try await service.updateDomain(admin, id: domain.id, DomainPatch(enabled: false)).id
            }
            try await expectAudited(.deleteDomain, by: admin) {
                try await service.deleteDomain(admin, id: domain.id)
                return domain.id
            }
            let token = try await world.login("admin", IdentityWorld.adminPassword)
            try await expectAudited(.revokeToken, by: admin) {
                try await service.revoke(admin, subject: token.secret)
                return token.context.token.auditID
            }
        }

        @Test func tokenIssueAndReadsAreNotAudited() async throws {
            let admin = try await world.admin()
            let before = try await world.store.auditRecords(limit: 100)
            _ = try await world.login("admin", IdentityWorld.adminPassword)
            _ = try await world.service.listProjects(admin, filter: IdentityListFilter())
            _ = try await world.service.listAssignments(admin, filter: RoleAssignmentFilter(), effective: true)
            #expect(try await world.store.auditRecords(limit: 100) == before)
        }
    }
}
