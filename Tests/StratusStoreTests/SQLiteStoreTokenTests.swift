import Foundation
import StratusCore
import StratusStore
import Testing

/// Tokens: stored by the hash of their secret, revoked per token, per user or by expiry.
@Suite struct SQLiteStoreTokenTests {
    let temp: TemporaryStore
    var store: SQLiteStore { temp.store }

    init() throws {
        temp = try TemporaryStore()
    }

    func seed() async throws {
        try await store.commit(Rows.seed + [.insertUser(Rows.user("u2", domain: "d1"))])
    }

    func exists(_ secret: String) async throws -> Bool {
        try await store.token(secretHash: TokenSecret.hash(secret)) != nil
    }

    @Test func lookupBySecretHashRoundTripsEveryScope() async throws {
        try await seed()
        let tokens = [
            Rows.token("unscoped", user: "u1"),
            Rows.token("project", user: "u1", scope: .project("p1")),
            Rows.token("domain", user: "u2", scope: .domain("d1")),
            Rows.token("system", user: "u2", scope: .system),
            TokenRecord(secretHash: TokenSecret.hash("fraction"), userID: "u1", scope: .unscoped, methods: ["password"],
                        auditID: "x", issuedAt: Date(timeIntervalSince1970: 1_700_000_000.25),
                        expiresAt: Date(timeIntervalSince1970: 1_700_003_600.5)),
        ]
        try await store.commit(tokens.map { .insertToken($0) })
        for token in tokens {
            #expect(try await store.token(secretHash: token.secretHash) == token)
        }
        #expect(try await store.token(secretHash: TokenSecret.hash("other")) == nil)
        #expect(try await store.token(secretHash: "project") == nil, "the secret itself is not a key")
    }

    @Test func duplicateSecretHashIsRejected() async throws {
        try await seed()
        try await store.commit([.insertToken(Rows.token("s", user: "u1"))])
        #expect(await store.commitFailure([.insertToken(Rows.token("s", user: "u2"))]) == .duplicate)
        #expect(try await store.token(secretHash: TokenSecret.hash("s"))?.userID == "u1")
    }

    @Test func deleteTokenRemovesOnlyThatToken() async throws {
        try await seed()
        try await store.commit([.insertToken(Rows.token("a", user: "u1")), .insertToken(Rows.token("b", user: "u1"))])
        try await store.commit([.deleteToken(secretHash: TokenSecret.hash("a"))])
        #expect(try await !exists("a"))
        #expect(try await exists("b"))
    }

    @Test func deleteTokensOfAUserLeavesOthers() async throws {
        try await seed()
        try await store.commit([
            .insertToken(Rows.token("u1-a", user: "u1")),
            .insertToken(Rows.token("u1-b", user: "u1", scope: .project("p1"))),
            .insertToken(Rows.token("u2-a", user: "u2")),
        ])
        try await store.commit([.deleteTokens(userID: "u1")])
        #expect(try await !exists("u1-a"))
        #expect(try await !exists("u1-b"))
        #expect(try await exists("u2-a"))
    }

    @Test func deleteExpiredDropsOnlyTokensExpiredBeforeTheInstant() async throws {
        try await seed()
        let cutoff = Rows.epoch.addingTimeInterval(1000)
        try await store.commit([
            .insertToken(Rows.token("long-gone", user: "u1", expiresAt: Rows.epoch)),
            .insertToken(Rows.token("just-gone", user: "u2", expiresAt: cutoff.addingTimeInterval(-1))),
            .insertToken(Rows.token("at-cutoff", user: "u1", expiresAt: cutoff)),
            .insertToken(Rows.token("alive", user: "u2", expiresAt: cutoff.addingTimeInterval(1))),
        ])
        try await store.commit([.deleteTokensExpired(before: cutoff)])
        #expect(try await !exists("long-gone"))
        #expect(try await !exists("just-gone"))
        #expect(try await exists("at-cutoff"))
        #expect(try await exists("alive"))
    }
}
