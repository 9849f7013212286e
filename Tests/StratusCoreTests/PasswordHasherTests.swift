import Foundation
import StratusCore
import Testing

/// Salted PBKDF2 hashes: verification, salting, parameter encoding, malformed input.
@Suite struct PasswordHasherTests {
    let hasher = PasswordHasher(rounds: 1000)

    @Test func correctPasswordVerifies() {
        let stored = hasher.hash("correct horse")
        #expect(hasher.verify("correct horse", against: stored))
    }

    @Test(arguments: ["wrong", "", "correct hors", "correct horse ", "Correct horse"])
    func wrongPasswordDoesNotVerify(candidate: String) {
        #expect(!hasher.verify(candidate, against: hasher.hash("correct horse")))
    }

    @Test func saltedHashesDiffer() {
        let first = hasher.hash("same password")
        let second = hasher.hash("same password")
        #expect(first != second)
        #expect(first.split(separator: "$")[2] != second.split(separator: "$")[2])
        #expect(hasher.verify("same password", against: first))
        #expect(hasher.verify("same password", against: second))
    }

    @Test func storedFormNamesSchemeAndRounds() throws {
        let parts = hasher.hash("pw").split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        try #require(parts.count == 4)
        #expect(parts[0] == "pbkdf2-sha256")
        #expect(parts[1] == "1000")
        #expect(Data(base64Encoded: parts[2])?.count == 16)
        #expect(Data(base64Encoded: parts[3])?.count == 32)
        #expect(PasswordHasher(rounds: 1234).hash("pw").split(separator: "$")[1] == "1234")
    }

    /// Verification uses the rounds in the stored string, not the hasher's own.
    @Test func verificationReadsRoundsFromStoredString() throws {
        let stored = PasswordHasher(rounds: 1500).hash("pw")
        #expect(hasher.verify("pw", against: stored))
        var parts = stored.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        parts[1] = "1501"
        #expect(!hasher.verify("pw", against: parts.joined(separator: "$")))
    }

    @Test func tamperedKeyOrSaltDoesNotVerify() throws {
        let parts = hasher.hash("pw").split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        var otherSalt = parts
        otherSalt[2] = Data(repeating: 7, count: 16).base64EncodedString()
        #expect(!hasher.verify("pw", against: otherSalt.joined(separator: "$")))
        var otherKey = parts
        var key = try #require(Data(base64Encoded: parts[3]))
        key[0] ^= 1
        otherKey[3] = key.base64EncodedString()
        #expect(!hasher.verify("pw", against: otherKey.joined(separator: "$")))
        var shortKey = parts
        shortKey[3] = key.prefix(16).base64EncodedString()
        #expect(!hasher.verify("pw", against: shortKey.joined(separator: "$")))
    }

    static let salt = Data(repeating: 1, count: 16).base64EncodedString()
    static let key = Data(repeating: 2, count: 32).base64EncodedString()

    @Test(arguments: [
        "",
        "pw",
        "pbkdf2-sha256",
        "pbkdf2-sha256$1000$\(salt)",
        "pbkdf2-sha256$1000$\(salt)$\(key)$extra",
        "pbkdf2-sha1$1000$\(salt)$\(key)",
        "PBKDF2-SHA256$1000$\(salt)$\(key)",
        "pbkdf2-sha256$$\(salt)$\(key)",
        "pbkdf2-sha256$many$\(salt)$\(key)",
        "pbkdf2-sha256$0$\(salt)$\(key)",
        "pbkdf2-sha256$-1000$\(salt)$\(key)",
        "pbkdf2-sha256$10000001$\(salt)$\(key)",
        "pbkdf2-sha256$1000$not base64!$\(key)",
        "pbkdf2-sha256$1000$\(salt)$not base64!",
        "pbkdf2-sha256$1000$\(salt)$",
        "pbkdf2-sha256$1000$$",
    ])
    func malformedStoredHashNeverVerifies(stored: String) {
        #expect(!hasher.verify("pw", against: stored))
        #expect(!hasher.verify("", against: stored))
    }

    /// The only randomness is the salt: a fixed salt source gives a fixed hash.
    @Test func hashIsDeterministicForAGivenSalt() {
        let fixed = PasswordHasher(rounds: 1000, ids: FixedBytes())
        #expect(fixed.hash("pw") == fixed.hash("pw"))
        #expect(fixed.hash("pw") != fixed.hash("pw2"))
        #expect(hasher.verify("pw", against: fixed.hash("pw")))
    }

    @Test func roundsAreAtLeastOne() {
        #expect(PasswordHasher(rounds: 0).rounds == 1)
        #expect(PasswordHasher(rounds: -5).hash("pw").split(separator: "$")[1] == "1")
    }

    struct FixedBytes: IdentifierSource {
        func newID() -> String { "fixed" }
        func randomBytes(_ count: Int) -> [UInt8] { Array(repeating: 0x5A, count: count) }
    }
}
