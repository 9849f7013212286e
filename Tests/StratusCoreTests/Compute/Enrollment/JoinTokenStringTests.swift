import Foundation
import StratusCore
import Testing

@Suite("Join tokens: the string shown once, parsed totally")
struct JoinTokenStringTests {
    @Test func aGeneratedStringParsesBackAndMatchesOnlyItsOwnHash() throws {
        let ids = SystemIdentifierSource()
        let token = JoinTokenString.generate(id: ids.newID(), using: ids)
        let text = token.description
        #expect(text.hasPrefix("stratus-join-"))
        #expect(text.count == "stratus-join-".count + 32 + 1 + 64)
        let parsed = try JoinTokenString(parsing: text + "\n")
        #expect(parsed == token)
        #expect(parsed.matches(token.secretHash))
        #expect(parsed.secretHash.count == 64)
        let other = JoinTokenString.generate(id: token.id, using: ids)
        #expect(!other.matches(token.secretHash))
        #expect(!parsed.matches(""))
    }

    @Test(arguments: [
        "", "stratus-join-", "stratus-join--", "garbage", "stk-abc",
        "stratus-join-0123456789abcdef0123456789abcdef",
        "stratus-join-0123456789abcdef0123456789abcdef-",
        "stratus-join-0123456789abcdef0123456789abcdef-0123",
        "stratus-join-0123456789ABCDEF0123456789abcdef-" + String(repeating: "a", count: 64),
        "stratus-join-0123456789abcdef0123456789abcdef-" + String(repeating: "g", count: 64),
        "stratus-join-0123456789abcdef0123456789abcdef-" + String(repeating: "a", count: 64) + "-x",
        "stratus-join-0123456789abcdef0123456789abcdéf-" + String(repeating: "a", count: 64),
        "stratus-join-0123456789abcdef0123456789abcdef-" + String(repeating: "a", count: 65),
    ])
    func anythingElseIsMalformedNeverATrap(_ text: String) {
        #expect(throws: HostEnrollmentError.malformedToken) { try JoinTokenString(parsing: text) }
    }

    @Test func aTokenIsRefusedOnceUsedOrExpired() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        var token = JoinToken(
            id: "t", secretHash: "h", createdAt: now, expiresAt: now.addingTimeInterval(60), description: "")
        #expect(token.refusal(at: now) == nil)
        #expect(token.refusal(at: now.addingTimeInterval(60)) == .tokenExpired)
        token.usedAt = now
        #expect(token.refusal(at: now) == .tokenUsed)
    }

    @Test(arguments: ["sim-1", "qemu-2", "compute-17.rack-3.example.org", "A", String(repeating: "a", count: 63)])
    func hostNamesLikeTheCloudsOwnAreAccepted(_ name: String) {
        #expect(EnrollmentHostName.isValid(name))
    }

    @Test(arguments: [
        "", "-host", "host-", "a..b", ".a", "a.", "under_score", "sp ace", "ünï", "a/b", "a\u{0}b",
        String(repeating: "a", count: 64), Array(repeating: String(repeating: "a", count: 63), count: 5).joined(separator: "."),
    ])
    func otherNamesAreRefused(_ name: String) {
        #expect(!EnrollmentHostName.isValid(name))
        #expect(throws: HostEnrollmentError.self) { try EnrollmentHostName.validate(name) }
    }

    @Test func everyErrorReadsAsASentence() {
        let errors: [HostEnrollmentError] = [
            .malformedToken, .unknownToken, .tokenUsed, .tokenExpired, .invalidCSR("why"), .invalidHostName("x"),
            .hostRevoked, .unknownCredential, .credentialExpired,
        ]
        for error in errors { #expect(error.description.hasSuffix(".")) }
    }
}
