import Crypto
import Foundation

/// The text an administrator hands a host: `stratus-join-<id>-<secret>`, the id
/// 32 lowercase hex digits, the secret 64 (32 random bytes). Hex keeps the `-`
/// separators unambiguous and the whole safe on any command line.
public struct JoinTokenString: Sendable, Equatable, CustomStringConvertible {
    public static let prefix = "stratus-join-"
    public static let secretBytes = 32
    static let idLength = 32

    public var id: String
    public var secret: String

    /// A fresh secret for the token `id`.
    public static func generate(id: String, using ids: any IdentifierSource) -> JoinTokenString {
        JoinTokenString(id: id, secret: LowercaseHex.string(ids.randomBytes(secretBytes)))
    }

    init(id: String, secret: String) {
        self.id = id
        self.secret = secret
    }

    /// Total: any text that is not a join token is `malformedToken`, never a trap.
    public init(parsing text: String) throws {
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard body.hasPrefix(Self.prefix) else { throw HostEnrollmentError.malformedToken }
        let parts = body.dropFirst(Self.prefix.count).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, Self.isHex(parts[0], count: Self.idLength),
              Self.isHex(parts[1], count: Self.secretBytes * 2)
        else { throw HostEnrollmentError.malformedToken }
        id = String(parts[0])
        secret = String(parts[1])
    }

    public var description: String { Self.prefix + id + "-" + secret }

    /// What the store keeps of the secret.
    public var secretHash: String { Self.hash(secret) }

    public static func hash(_ secret: String) -> String {
        LowercaseHex.string(SHA256.hash(data: Array(secret.utf8)))
    }

    /// Whether this string's secret is the one whose hash is `storedHash`, compared
    /// in time independent of where they differ.
    public func matches(_ storedHash: String) -> Bool {
        ConstantTime.equal(Array(secretHash.utf8), Array(storedHash.utf8))
    }

    private static func isHex(_ text: Substring, count: Int) -> Bool {
        text.utf8.count == count && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}

/// Comparison whose time depends only on the lengths, not on the contents.
enum ConstantTime {
    static func equal(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
