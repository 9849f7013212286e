import Foundation
import HTTPTypes
import StratusCore
import Testing

/// Report 3 of the hardening issue: guessing is contained. A source past its
/// login rate gets 429 with `Retry-After`; an account locks after its failures,
/// even against the right password.
@Suite("Password guessing is contained")
struct LoginAbuseHTTPTests {
    @Test("a source past its login rate gets Keystone's 429 with Retry-After")
    func rateLimited() async throws {
        try await TestCloud.run(configure: { $0.loginRate = TokenRequestLimiter.Rate(burst: 2, perSecond: 0.001) }) { cloud in
            _ = try await cloud.token()
            _ = try await cloud.token()
            let refused = try await cloud.send(.post, "/identity/v3/auth/tokens",
                                               json: TestCloud.passwordAuth("admin", TestCloud.adminPassword, "admin"))
            #expect(refused.status == .tooManyRequests)
            // Up to 1 / 0.001 s; less when the tokens above took a while (a loaded test run).
            let wait = try #require(refused.headers[.retryAfter].flatMap { Int($0) })
            #expect((900...1000).contains(wait))
            #expect(refused.json?["error"]?["code"] == .int(429))
        }
    }

    @Test("the default lockout: six failures lock the account against its right password")
    func lockedOut() async throws {
        try await TestCloud.run { cloud in
            let wrong = TestCloud.passwordAuth("admin", "not the password", "admin")
            for _ in 0..<LoginLockout.privateCloud.failureAttempts {
                #expect(try await cloud.send(.post, "/identity/v3/auth/tokens", json: wrong).status == .unauthorized)
            }
            let right = try await cloud.send(.post, "/identity/v3/auth/tokens",
                                             json: TestCloud.passwordAuth("admin", TestCloud.adminPassword, "admin"))
            #expect(right.status == .unauthorized)
        }
    }

    @Test("a password past Keystone's 4096 is a 400, and so is a name with a NUL")
    func boundedInput() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let long = try await cloud.send(.post, "/identity/v3/users", token: admin, json: [
                "user": ["name": "long", "password": .string(String(repeating: "p", count: 900_000))],
            ])
            #expect(long.status == .badRequest || long.status == .contentTooLarge)
            let nul = try await cloud.send(.post, "/identity/v3/projects", token: admin, json: [
                "project": ["name": "a\u{0}b"],
            ])
            #expect(nul.status == .badRequest)
            let users = try await cloud.send(.get, "/identity/v3/users", token: admin)
            #expect(users.json?["users"]?.arrayValue?.count == 1)
        }
    }
}
