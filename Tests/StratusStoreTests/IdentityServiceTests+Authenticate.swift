import Foundation
import StratusCore
import Testing

extension IdentityServiceTests {
    /// Password authentication and scoping: every failure to prove identity is the same 401.
    @Suite struct Authenticate {
        let world: IdentityWorld
        init() throws { world = try IdentityWorld() }

        @Test func projectScopeCarriesImpliedRoles() async throws {
            let outcome = try await world.bootstrap()
            let token = try await world.login("admin", IdentityWorld.adminPassword, projectID: outcome.adminProjectID)
            #expect(Set(token.context.roleNames) == ["admin", "manager", "member", "reader"])
            #expect(token.context.isCloudAdmin)  // admin on the admin project
            #expect(token.context.project?.id == outcome.adminProjectID)
            #expect(token.context.token.scope == .project(outcome.adminProjectID))
            #expect(token.context.token.methods == ["password"])
            #expect(token.context.token.issuedAt == world.clock.now())
            #expect(token.context.token.expiresAt == world.clock.now().addingTimeInterval(IdentityWorld.tokenLifetime))

            let stored = try #require(try await world.store.token(secretHash: TokenSecret.hash(token.secret)))
            #expect(stored == token.context.token)
            #expect(stored.secretHash != token.secret)
            let validated = try await world.service.validate(secret: token.secret)
            #expect(validated.user.id == outcome.adminUserID)
            #expect(Set(validated.roleNames) == ["admin", "manager", "member", "reader"])
        }

        @Test func memberRoleImpliesReaderOnly() async throws {
            let cast = try await world.cast()
            #expect(cast.member.auth.roleNames == ["member", "reader"])
            #expect(cast.reader.auth.roleNames == ["reader"])
            #expect(!cast.member.auth.isCloudAdmin)
        }

        @Test func unscopedAndDefaultScopes() async throws {
            let outcome = try await world.bootstrap()
            let unscoped = try await world.login("admin", IdentityWorld.adminPassword)
            #expect(unscoped.context.token.scope == .unscoped)
            #expect(unscoped.context.roles.isEmpty)

            let byDefault = try await world.service.authenticate(AuthRequest(
                proof: .password(user: .id(outcome.adminUserID), password: IdentityWorld.adminPassword),
                scope: .default, sourceAddress: "10.0.0.1"))
            #expect(byDefault.context.token.scope == .project(outcome.adminProjectID))
        }

        @Test func wrongPasswordAndUnknownUserFailIdentically() async throws {
            try await world.bootstrap()
            let wrongPassword = await identityError { _ = try await world.login("admin", "nope") }
            let unknownUser = await identityError { _ = try await world.login("nobody", "nope") }
            let unknownDomain = await identityError {
                _ = try await world.service.authenticate(AuthRequest(
                    proof: .password(user: .name("admin", domain: .name("Nowhere")), password: "nope"),
                    scope: .unscoped, sourceAddress: "10.0.0.1"))
            }
            let unknownID = await identityError {
                _ = try await world.service.authenticate(AuthRequest(
                    proof: .password(user: .id("0123456789abcdef"), password: "nope"), scope: .unscoped, sourceAddress: "x"))
            }
            let wrong = try #require(wrongPassword)
            #expect(wrong.isUnauthorized)
            #expect(unknownUser == wrong)
            #expect(unknownDomain == wrong)
            #expect(unknownID == wrong)
            guard case .unauthorized(let message) = wrong else { return }
            #expect(!message.lowercased().contains("password"))
            #expect(!message.lowercased().contains("admin"))
        }

        @Test func failuresAreCountedPerUserAndSource() async throws {
            try await world.bootstrap()
            let key = LoginFailureLog.Key(user: "admin@default", source: "192.0.2.7")
            _ = await identityError { _ = try await world.login("admin", "nope", source: "192.0.2.7") }
            _ = await identityError { _ = try await world.login("admin", "nope", source: "192.0.2.7") }
            #expect(await world.service.loginFailures.failures(key) == 2)
            _ = try await world.login("admin", IdentityWorld.adminPassword, source: "192.0.2.7")
            #expect(await world.service.loginFailures.failures(key) == 0)
        }

        @Test func disabledUserCannotAuthenticate() async throws {
            let cast = try await world.cast()
            let member = try #require(try await world.store.user(named: "member", domainID: Domain.defaultID))
            _ = try await world.service.updateUser(cast.admin, id: member.id, UserPatch(enabled: false))
            let error = await identityError { _ = try await world.login("member", "pw-member", projectID: cast.p1.id) }
            let wrongPassword = await identityError { _ = try await world.login("admin", "nope") }
            #expect(error == wrongPassword, "a disabled user looks like a wrong password")
            #expect(error?.isUnauthorized == true)
            let key = LoginFailureLog.Key(user: "member@default", source: "10.0.0.1")
            #expect(await world.service.loginFailures.failures(key) == 1, "and counts as a failed login")
        }

        @Test func disabledProjectCannotBeScopedTo() async throws {
            let cast = try await world.cast()
            let existing = try await world.login("member", "pw-member", projectID: cast.p1.id)
            _ = try await world.service.updateProject(cast.admin, id: cast.p1.id, ProjectPatch(enabled: false))
            let error = await identityError { _ = try await world.login("member", "pw-member", projectID: cast.p1.id) }
            #expect(error?.isUnauthorized == true)
            let unknown = await identityError { _ = try await world.login("member", "pw-member", projectID: "0000") }
            #expect(error == unknown, "a disabled project looks like an unknown one")
            // A token issued before stops validating too.
            let stale = await identityError { _ = try await world.service.validate(secret: existing.secret) }
            #expect(stale == .authenticationRequired)
            // The same user still authenticates unscoped: it was the scope that failed.
            _ = try await world.login("member", "pw-member")
        }

        @Test func projectWithoutARoleCannotBeScopedTo() async throws {
            let cast = try await world.cast()
            let error = await identityError { _ = try await world.login("member", "pw-member", projectID: cast.p2.id) }
            #expect(error?.isUnauthorized == true)
        }
    }
}
