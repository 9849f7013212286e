import Foundation
import StratusCore
import Testing

extension IdentityServiceTests {
    /// The default policy applied by the use cases: who may read and write what.
    @Suite struct Authorization {
        let world: IdentityWorld
        init() throws { world = try IdentityWorld() }

        @Test func readerCannotWriteAnythingAndNothingIsWritten() async throws {
            let cast = try await world.cast()
            let service = world.service
            let reader = cast.reader
            let member = try #require(try await world.store.user(named: "member", domainID: Domain.defaultID))
            let memberRole = try await world.roleID(Role.member)
            let custom = try await service.createRole(cast.admin, RoleDraft(name: "custom"))
            let before = try await world.snapshot()

            let attempts: [(String, () async throws -> Void)] = [
                ("create project", { _ = try await service.createProject(reader, ProjectDraft(name: "mine")) }),
                ("create user", { _ = try await service.createUser(reader, UserDraft(name: "mine", password: "x")) }),
                ("create domain", { _ = try await service.createDomain(reader, DomainDraft(name: "mine")) }),
                ("create role", { _ = try await service.createRole(reader, RoleDraft(name: "mine")) }),
                ("grant", {
                    try await service.grant(reader, RoleAssignment(
                        userID: reader.auth.user.id, roleID: memberRole, scope: .project(cast.p1.id)))
                }),
                ("update own project", { _ = try await service.updateProject(reader, id: cast.p1.id, ProjectPatch(name: "x")) }),
                ("update self", { _ = try await service.updateUser(reader, id: reader.auth.user.id, UserPatch(name: "x")) }),
                ("delete own project", { try await service.deleteProject(reader, id: cast.p1.id) }),
                ("delete other project", { try await service.deleteProject(reader, id: cast.p2.id) }),
                ("delete self", { try await service.deleteUser(reader, id: reader.auth.user.id) }),
                ("delete user", { try await service.deleteUser(reader, id: member.id) }),
                ("delete role", { try await service.deleteRole(reader, id: custom.id) }),
                ("delete domain", { try await service.deleteDomain(reader, id: Domain.defaultID) }),
                ("revoke grant", {
                    try await service.revokeGrant(reader, RoleAssignment(
                        userID: member.id, roleID: memberRole, scope: .project(cast.p1.id)))
                }),
            ]
            for (name, attempt) in attempts {
                let error = await identityError(attempt)
                #expect(error?.isForbidden == true, "\(name): \(String(describing: error))")
            }
            #expect(try await world.snapshot() == before)
        }

        @Test func forbiddenMessageNamesTheAction() async throws {
            let cast = try await world.cast()
            let error = await identityError { _ = try await world.service.createProject(cast.reader, ProjectDraft(name: "x")) }
            #expect(error == .policyDenied("identity:create_project"))
        }

        @Test func memberReadsOwnProjectButNotAnother() async throws {
            let cast = try await world.cast()
            #expect(try await world.service.getProject(cast.member, id: cast.p1.id) == cast.p1)
            #expect(try await world.service.getProject(cast.reader, id: cast.p1.id) == cast.p1)
            let error = await identityError { _ = try await world.service.getProject(cast.member, id: cast.p2.id) }
            #expect(error == .policyDenied("identity:get_project"))
            #expect(try await world.service.getProject(cast.other, id: cast.p2.id) == cast.p2)
            #expect(await identityError { _ = try await world.service.getProject(cast.other, id: cast.p1.id) }?.isForbidden == true)
        }

        @Test func memberReadsSelfButNotOthersNorLists() async throws {
            let cast = try await world.cast()
            let service = world.service
            #expect(try await service.getUser(cast.member, id: cast.member.auth.user.id).name == "member")
            #expect(try await service.listUserProjects(cast.member, userID: cast.member.auth.user.id).map(\.id) == [cast.p1.id])
            #expect(await identityError { _ = try await service.getUser(cast.member, id: cast.reader.auth.user.id) }?.isForbidden == true)
            #expect(await identityError { _ = try await service.listProjects(cast.member, filter: IdentityListFilter()) }?.isForbidden == true)
            #expect(await identityError { _ = try await service.listUsers(cast.member, filter: IdentityListFilter()) }?.isForbidden == true)
            #expect(try await service.listAuthProjects(cast.member).map(\.id) == [cast.p1.id])
        }

        @Test func adminCreatesProjectAndUserAndGrants() async throws {
            let admin = try await world.admin()
            let service = world.service
            let project = try await service.createProject(admin, ProjectDraft(name: "web", tags: ["prod"]))
            #expect(try await world.store.project(id: project.id) == project)
            let user = try await service.createUser(admin, UserDraft(name: "alice", password: "pw-alice", email: "a@x"))
            #expect(try await world.store.user(id: user.id)?.email == "a@x")
            #expect(user.passwordHash != nil && user.passwordHash != "pw-alice")

            let member = try await world.roleID(Role.member)
            let reader = try await world.roleID(Role.reader)
            let grant = RoleAssignment(userID: user.id, roleID: member, scope: .project(project.id))
            try await service.grant(admin, grant)
            try await service.checkGrant(admin, grant)
            #expect(try await service.listGrants(admin, actor: .user(user.id), scope: .project(project.id)).map(\.id) == [member])

            let direct = try await service.listAssignments(admin, filter: RoleAssignmentFilter(userID: user.id), effective: false)
            #expect(direct.map(\.assignment) == [grant])
            #expect(direct.first?.impliedBy == nil)
            #expect(direct.first?.role?.name == "member" && direct.first?.project?.id == project.id)

            let effective = try await service.listAssignments(admin, filter: RoleAssignmentFilter(userID: user.id), effective: true)
            #expect(Set(effective.map(\.assignment.roleID)) == [member, reader])
            let implied = try #require(effective.first { $0.assignment.roleID == reader })
            #expect(implied.impliedBy == member)
            #expect(implied.assignment.scope == .project(project.id))

            let filtered = try await service.listAssignments(
                admin, filter: RoleAssignmentFilter(userID: user.id, roleID: reader), effective: true)
            #expect(filtered.map(\.assignment.roleID) == [reader])

            let token = try await world.login("alice", "pw-alice", projectID: project.id)
            #expect(token.context.roleNames == ["member", "reader"])
        }

        @Test func duplicateNamesAreConflicts() async throws {
            let admin = try await world.admin()
            _ = try await world.service.createProject(admin, ProjectDraft(name: "web"))
            _ = try await world.service.createUser(admin, UserDraft(name: "alice"))
            let before = try await world.snapshot()
            let project = await identityError { _ = try await world.service.createProject(admin, ProjectDraft(name: "web")) }
            let user = await identityError { _ = try await world.service.createUser(admin, UserDraft(name: "alice")) }
            guard case .conflict = project, case .conflict = user else {
                Issue.record("expected conflicts, got \(String(describing: project)), \(String(describing: user))")
                return
            }
            #expect(try await world.snapshot() == before, "no audit record for a refused create")
        }
    }
}
