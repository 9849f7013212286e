import Foundation
import StratusCore
import Testing

extension IdentityServiceTests {
    /// Keystone's lockout: so many failures in a row lock the account, even
    /// against its right password, until the duration passes or an administrator
    /// resets it; the run is kept in the database, so every controller sees it.
    @Suite struct Lockout {
        let world: IdentityWorld
        init() throws { world = try IdentityWorld(lockout: LoginLockout(failureAttempts: 3, duration: 600)) }

        func fails(_ password: String, source: String = "10.0.0.1") async -> Bool {
            do {
                _ = try await world.login("admin", password, source: source)
                return false
            } catch {
                return error as? IdentityError == .authenticationRequired
            }
        }

        @Test func threeFailuresLockTheAccountUntilTheDurationPasses() async throws {
            try await world.bootstrap()
            for _ in 0..<3 { #expect(await fails("wrong")) }
            // Locked: the right password is refused too, from any source.
            #expect(await fails(IdentityWorld.adminPassword))
            #expect(await fails(IdentityWorld.adminPassword, source: "10.9.9.9"))
            world.clock.advance(by: 599)
            #expect(await fails(IdentityWorld.adminPassword))
            world.clock.advance(by: 2)
            _ = try await world.login("admin", IdentityWorld.adminPassword)
            // A success ends the run: three more failures are needed to lock again.
            for _ in 0..<2 { #expect(await fails("wrong")) }
            _ = try await world.login("admin", IdentityWorld.adminPassword)
        }

        @Test func changingThePasswordIsALoginToo() async throws {
            let outcome = try await world.bootstrap()
            for _ in 0..<3 {
                await #expect(throws: IdentityError.authenticationRequired) {
                    try await world.service.changePassword(
                        userID: outcome.adminUserID, original: "wrong", new: "next", requestID: "r", sourceAddress: "10.0.0.1")
                }
            }
            // Locked by the three wrong originals: the right one is refused, and so is a login.
            await #expect(throws: IdentityError.authenticationRequired) {
                try await world.service.changePassword(
                    userID: outcome.adminUserID, original: IdentityWorld.adminPassword, new: "next", requestID: "r",
                    sourceAddress: "10.0.0.1")
            }
            #expect(await fails(IdentityWorld.adminPassword))
        }

        @Test func failuresOutsideTheWindowStartANewRun() async throws {
            try await world.bootstrap()
            for _ in 0..<2 { #expect(await fails("wrong")) }
            world.clock.advance(by: 601)
            #expect(await fails("wrong"))
            _ = try await world.login("admin", IdentityWorld.adminPassword)
        }

        @Test func anAdministratorsPasswordResetEndsTheLockout() async throws {
            let admin = try await world.admin()
            let project = try #require(admin.auth.project?.id)
            let user = try await world.makeUser("ann", role: "member", on: project, by: admin)
            for _ in 0..<3 { _ = try? await world.login("ann", "wrong") }
            await #expect(throws: IdentityError.authenticationRequired) { try await world.login("ann", "pw-ann") }
            #expect(try await world.store.user(id: user.id)?.failedLogins.count == 3)
            _ = try await world.service.updateUser(admin, id: user.id, UserPatch(password: "pw-new"))
            #expect(try await world.store.user(id: user.id)?.failedLogins == FailedLogins.none)
            _ = try await world.login("ann", "pw-new")
        }

        @Test func passwordsLongerThanKeystonesLimitAreRefusedBeforeHashing() async throws {
            let admin = try await world.admin()
            let long = String(repeating: "x", count: 4097)
            await #expect(throws: IdentityError.badRequest("Invalid input for field 'password': is too long (maximum 4096)")) {
                _ = try await world.service.createUser(admin, UserDraft(name: "long", password: long))
            }
        }

        @Test func controlCharactersInNamesAreRefused() async throws {
            let admin = try await world.admin()
            await #expect(throws: IdentityError.badRequest("Invalid input for field 'name': control characters are not allowed")) {
                _ = try await world.service.createUser(admin, UserDraft(name: "nul\u{0}name", password: "pw"))
            }
        }
    }

    /// Password logins per source address: a burst, then a steady rate; the rest
    /// get 429's error with the seconds to wait, before any hashing.
    @Suite struct LoginRate {
        let world: IdentityWorld
        init() throws { world = try IdentityWorld(loginRate: TokenRequestLimiter.Rate(burst: 3, perSecond: 0.5)) }

        @Test func aSourcePastItsBurstWaitsForTheRate() async throws {
            try await world.bootstrap()
            for _ in 0..<3 { _ = try await world.login("admin", IdentityWorld.adminPassword) }
            await #expect(throws: IdentityError.tooManyRequests(retryAfter: 2)) {
                _ = try await world.login("admin", IdentityWorld.adminPassword)
            }
            // Another source has its own bucket; the first refills at the rate.
            _ = try await world.login("admin", IdentityWorld.adminPassword, source: "10.0.0.2")
            world.clock.advance(by: 2)
            _ = try await world.login("admin", IdentityWorld.adminPassword)
        }
    }
}
