import Foundation
import StratusCore
import Testing

extension IdentityServiceTests {
    /// Token validation, expiry and every way a token is revoked.
    @Suite struct Tokens {
        let world: IdentityWorld
        init() throws { world = try IdentityWorld() }

        @Test func expiredTokenIsRejected() async throws {
            let outcome = try await world.bootstrap()
            let token = try await world.login("admin", IdentityWorld.adminPassword, projectID: outcome.adminProjectID)
            world.clock.advance(by: IdentityWorld.tokenLifetime - 1)
            _ = try await world.service.validate(secret: token.secret)
            world.clock.advance(by: 1)
            let error = await identityError { _ = try await world.service.validate(secret: token.secret) }
            #expect(error == .authenticationRequired)
        }

        @Test func purgeDropsOnlyExpiredTokens() async throws {
            let outcome = try await world.bootstrap()
            let old = try await world.login("admin", IdentityWorld.adminPassword, projectID: outcome.adminProjectID)
            world.clock.advance(by: IdentityWorld.tokenLifetime / 2)
            let fresh = try await world.login("admin", IdentityWorld.adminPassword, projectID: outcome.adminProjectID)
            world.clock.advance(by: IdentityWorld.tokenLifetime / 2 + 1)
            try await world.service.purgeExpiredTokens()
            #expect(try await !world.tokenStored(old))
            #expect(try await world.tokenStored(fresh))
        }

        @Test func rescopedTokenKeepsTheOriginalExpiry() async throws {
            let cast = try await world.cast()
            let unscoped = try await world.login("member", "pw-member")
            world.clock.advance(by: 100)
            let rescoped = try await world.service.authenticate(AuthRequest(
                proof: .token(unscoped.secret), scope: .project(.id(cast.p1.id)), sourceAddress: "x"))
            #expect(rescoped.context.token.expiresAt == unscoped.context.token.expiresAt)
            #expect(rescoped.context.token.methods == ["token", "password"])
            #expect(rescoped.context.roleNames == ["member", "reader"])
        }

        @Test(arguments: ["", "not-a-token", String(repeating: "x", count: 600)])
        func unknownSecretIsRejected(secret: String) async throws {
            try await world.bootstrap()
            #expect(await identityError { _ = try await world.service.validate(secret: secret) } == .authenticationRequired)
        }

        @Test func adminRevokesAnotherUsersToken() async throws {
            let cast = try await world.cast()
            let token = try await world.login("member", "pw-member", projectID: cast.p1.id)
            try await world.service.revoke(cast.admin, subject: token.secret)
            #expect(await identityError { _ = try await world.service.validate(secret: token.secret) } == .authenticationRequired)
            #expect(try await !world.tokenStored(token))
            let audit = try #require(try await world.store.auditRecords(limit: 1).first)
            #expect(audit.action == "identity:revoke_token")
            #expect(audit.targetID == token.context.token.auditID)
        }

        @Test func userRevokesOwnTokenButNotAnothers() async throws {
            let cast = try await world.cast()
            let own = try await world.login("member", "pw-member", projectID: cast.p1.id)
            let admins = try await world.login("admin", IdentityWorld.adminPassword)
            let error = await identityError { try await world.service.revoke(cast.member, subject: admins.secret) }
            #expect(error?.isForbidden == true)
            #expect(try await world.tokenStored(admins))
            try await world.service.revoke(cast.member, subject: own.secret)
            #expect(try await !world.tokenStored(own))
        }

        @Test func disablingAUserRevokesTheirTokens() async throws {
            let cast = try await world.cast()
            let token = try await world.login("member", "pw-member", projectID: cast.p1.id)
            let bystander = try await world.login("reader", "pw-reader", projectID: cast.p1.id)
            let id = token.context.user.id
            _ = try await world.service.updateUser(cast.admin, id: id, UserPatch(enabled: false))
            #expect(try await !world.tokenStored(token))
            #expect(try await world.tokenStored(bystander))
            _ = try await world.service.updateUser(cast.admin, id: id, UserPatch(enabled: true))
            #expect(await identityError { _ = try await world.service.validate(secret: token.secret) } == .authenticationRequired)
        }

        @Test func renamingAUserKeepsTheirTokens() async throws {
            let cast = try await world.cast()
            let token = try await world.login("member", "pw-member", projectID: cast.p1.id)
            _ = try await world.service.updateUser(cast.admin, id: token.context.user.id, UserPatch(email: .some("new@example.org")))
            _ = try await world.service.validate(secret: token.secret)
        }

        @Test func adminSettingAPasswordRevokesTokens() async throws {
            let cast = try await world.cast()
            let token = try await world.login("member", "pw-member", projectID: cast.p1.id)
            _ = try await world.service.updateUser(cast.admin, id: token.context.user.id, UserPatch(password: "fresh"))
            #expect(try await !world.tokenStored(token))
            _ = try await world.login("member", "fresh", projectID: cast.p1.id)
            #expect(await identityError { _ = try await world.login("member", "pw-member") } == .authenticationRequired)
        }

        @Test func changingOwnPasswordRevokesTokens() async throws {
            let cast = try await world.cast()
            let token = try await world.login("member", "pw-member", projectID: cast.p1.id)
            let id = token.context.user.id
            let wrong = await identityError {
                try await world.service.changePassword(userID: id, original: "nope", new: "x", requestID: "r", sourceAddress: "s")
            }
            #expect(wrong == .authenticationRequired)
            #expect(try await world.tokenStored(token), "a failed change revokes nothing")

            try await world.service.changePassword(
                userID: id, original: "pw-member", new: "changed", requestID: "req-pw", sourceAddress: "s")
            #expect(try await !world.tokenStored(token))
            _ = try await world.login("member", "changed")
            #expect(await identityError { _ = try await world.login("member", "pw-member") } == .authenticationRequired)
            let audit = try #require(try await world.store.auditRecords(limit: 1).first)
            #expect(audit.action == "identity:change_password" && audit.targetID == id && audit.requestID == "req-pw")
        }
    }
}
