import Foundation
import StratusCore
import StratusStore
import Testing

/// v24: join tokens and host credentials, the one-use token and revocation.
@Suite struct HostEnrollmentStoreTests {
    let temp: TemporaryStore
    var store: SQLiteStore { temp.store }
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    init() throws {
        temp = try TemporaryStore()
    }

    static func token(_ id: String, ttl: TimeInterval = 3600) -> JoinToken {
        JoinToken(id: id, secretHash: "hash-\(id)", createdAt: now, expiresAt: now.addingTimeInterval(ttl), description: "rack \(id)")
    }

    static func credential(_ serial: String, host: String) -> HostCredential {
        HostCredential(hostName: host, serial: serial, issuedAt: now, expiresAt: now.addingTimeInterval(86_400), joinTokenID: "t1")
    }

    @Test func theMigrationMakesBothTablesAndTheyRoundTrip() async throws {
        #expect(try await store.joinTokens().isEmpty)
        #expect(try await store.hostCredential(serial: "00") == nil)
        try await store.commit([.insertJoinToken(Self.token("t1")), .insertJoinToken(Self.token("t2"))])
        #expect(try await store.joinToken(id: "t1") == Self.token("t1"))
        #expect(try await store.joinTokens().map(\.id) == ["t1", "t2"])
        try await store.commit([.insertHostCredential(Self.credential("aa", host: "h1"))])
        #expect(try await store.hostCredential(serial: "aa") == Self.credential("aa", host: "h1"))
        // Reopening (another process) does not migrate again and sees the rows.
        #expect(try await temp.reopen().joinToken(id: "t2") == Self.token("t2"))
    }

    @Test func aTokenIsConsumedOnceAndNeverAfterItsExpiry() async throws {
        try await store.commit([.insertJoinToken(Self.token("t1")), .insertJoinToken(Self.token("t2", ttl: 10))])
        try await store.commit([.consumeJoinToken(id: "t1", hostName: "h1", at: Self.now)])
        let used = try #require(try await store.joinToken(id: "t1"))
        #expect(used.usedAt == Self.now)
        #expect(used.usedByHostName == "h1")
        #expect(await store.commitFailure([.consumeJoinToken(id: "t1", hostName: "h2", at: Self.now)]) == .versionConflict)
        #expect(try await store.joinToken(id: "t1")?.usedByHostName == "h1")
        #expect(await store.commitFailure([
            .consumeJoinToken(id: "t2", hostName: "h2", at: Self.now.addingTimeInterval(10)),
        ]) == .versionConflict)
        #expect(await store.commitFailure([.consumeJoinToken(id: "gone", hostName: "h", at: Self.now)]) == .versionConflict)
        #expect(await store.commitFailure([.deleteJoinToken(id: "gone")]) == .versionConflict)
        try await store.commit([.deleteJoinToken(id: "t2")])
        #expect(try await store.joinToken(id: "t2") == nil)
    }

    @Test func revocationTouchesOnlyThatHostsUnrevokedCredentials() async throws {
        try await store.commit([
            .insertHostCredential(Self.credential("01", host: "h1")),
            .insertHostCredential(Self.credential("02", host: "h1")),
            .insertHostCredential(Self.credential("03", host: "h2")),
        ])
        let first = Self.now.addingTimeInterval(5)
        try await store.commit([.revokeHostCredentials(hostName: "h1", at: first)])
        try await store.commit([.revokeHostCredentials(hostName: "h1", at: first.addingTimeInterval(5))])
        #expect(try await store.hostCredentials(hostName: "h1").map(\.revokedAt) == [first, first])
        #expect(try await store.hostCredential(serial: "03")?.revokedAt == nil)
        #expect(await store.commitFailure([.insertHostCredential(Self.credential("03", host: "h3"))]) == .duplicate)
    }
}
