import StratusCore
import Testing

@Suite("Token secrets")
struct TokenSecretTests {
    /// Bytes whose base64 begins with `-` (0xF8 → 111110 → index 62 → `-`):
    /// without a prefix, `openstack token revoke <token>` read such a token as an option.
    struct Bytes: IdentifierSource {
        let first: UInt8
        func newID() -> String { "fixed" }
        func randomBytes(_ count: Int) -> [UInt8] { [first] + Array(repeating: 0xFB, count: count - 1) }
    }

    @Test("never begins with a dash, whatever the random bytes", arguments: [UInt8(0xF8), 0xFB, 0xFF, 0x00])
    func noLeadingDash(first: UInt8) {
        let secret = TokenSecret.generate(using: Bytes(first: first))
        #expect(secret.hasPrefix(TokenSecret.prefix))
        #expect(secret.first?.isLetter == true)
    }

    @Test("carries 256 bits: prefix plus 43 URL-safe characters without padding")
    func length() {
        let secret = TokenSecret.generate(using: Bytes(first: 0xF8))
        #expect(secret.count == TokenSecret.prefix.count + 43)
        #expect(!secret.contains("=") && !secret.contains("+") && !secret.contains("/"))
    }
}
