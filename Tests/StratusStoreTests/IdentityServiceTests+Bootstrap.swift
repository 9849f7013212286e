import Foundation
import StratusCore
import Testing

extension IdentityServiceTests {
    @Suite struct Bootstrap {
        let world: IdentityWorld
        init() throws { world = try IdentityWorld() }

        @Test func createsDomainRolesProjectAndAdmin() async throws {
            let outcome = try await world.bootstrap()
            #expect(outcome.performed)
            let store = world.store

            let domain = try #require(try await store.domain(id: Domain.defaultID))
            #expect(domain.name == "Default" && domain.enabled)

            let admin = try #require(try await store.role(named: "admin"))
            let manager = try #require(try await store.role(named: "manager"))
            let member = try #require(try await store.role(named: "member"))
            let reader = try #require(try await store.role(named: "reader"))
            #expect(try await store.role(named: "service") != nil)
            #expect(Set(try await store.roleImplications()) == [
                RoleImplication(priorRoleID: admin.id, impliedRoleID: manager.id),
                RoleImplication(priorRoleID: manager.id, impliedRoleID: member.id),
                RoleImplication(priorRoleID: member.id, impliedRoleID: reader.id),
            ])

            let project = try #require(try await store.project(id: outcome.adminProjectID))
            #expect(project.name == "admin" && project.domainID == Domain.defaultID && project.enabled)

            let user = try #require(try await store.user(id: outcome.adminUserID))
            #expect(user.name == "admin" && user.domainID == Domain.defaultID && user.enabled)
            #expect(user.defaultProjectID == project.id)
            #expect(user.passwordHash?.hasPrefix("pbkdf2-sha256$1000$") == true)
            #expect(user.passwordHash?.contains(IdentityWorld.adminPassword) == false)

            #expect(Set(try await store.assignments(RoleAssignmentFilter(userID: user.id))) == [
                RoleAssignment(userID: user.id, roleID: admin.id, scope: .project(project.id)),
                RoleAssignment(userID: user.id, roleID: admin.id, scope: .system),
            ])

            let audit = try await store.auditRecords(limit: 10)
            #expect(audit.count == 1)
            #expect(audit.first?.action == "identity:bootstrap")
            #expect(audit.first?.targetID == user.id)
        }

        @Test func isIdempotentAndDoesNotResetThePassword() async throws {
            let first = try await world.bootstrap()
            let before = try await world.snapshot()

            let second = try await world.bootstrap(password: "a different password")
            #expect(!second.performed)
            #expect(second.adminUserID == first.adminUserID)
            #expect(second.adminProjectID == first.adminProjectID)
            #expect(try await world.snapshot() == before)

            _ = try await world.login("admin", IdentityWorld.adminPassword, projectID: first.adminProjectID)
            let error = await identityError { _ = try await world.login("admin", "a different password") }
            #expect(error == .authenticationRequired)
        }
    }
}
