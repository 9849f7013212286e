import Crypto
import _CryptoExtras
import Foundation

/// Salted PBKDF2-HMAC-SHA256. The stored form names its parameters,
/// `pbkdf2-sha256$<rounds>$<salt b64>$<key b64>`, so the round count can be
/// raised later without invalidating existing hashes.
public struct PasswordHasher: Sendable {
    /// OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.
    public static let recommendedRounds = 600_000
    static let scheme = "pbkdf2-sha256"
    static let saltBytes = 16
    static let keyBytes = 32

    public let rounds: Int
    private let ids: any IdentifierSource

    public init(rounds: Int = PasswordHasher.recommendedRounds, ids: any IdentifierSource = SystemIdentifierSource()) {
        self.rounds = max(1, rounds)
        self.ids = ids
    }

    public func hash(_ password: String) -> String {
        let salt = ids.randomBytes(Self.saltBytes)
        let key = Self.derive(password, salt: salt, rounds: rounds)
        return [Self.scheme, String(rounds), Data(salt).base64EncodedString(), key.base64EncodedString()]
            .joined(separator: "$")
    }

    /// Constant-time comparison; a malformed stored hash never verifies.
    public func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == Self.scheme,
              let rounds = Int(parts[1]), rounds > 0, rounds <= 10_000_000,
              let salt = Data(base64Encoded: String(parts[2])),
              let expected = Data(base64Encoded: String(parts[3]))
        else { return false }
        let actual = Self.derive(password, salt: Array(salt), rounds: rounds)
        return Self.constantTimeEqual(actual, expected)
    }

    /// Spends the same time as a real verification, so an unknown user name
    /// cannot be told apart from a wrong password by timing.
    public func burnVerification(_ password: String) {
        _ = Self.derive(password, salt: [UInt8](repeating: 0, count: Self.saltBytes), rounds: rounds)
    }

    private static func derive(_ password: String, salt: [UInt8], rounds: Int) -> Data {
        // Derivation only fails for invalid parameters, which are fixed here.
        guard let key = try? KDF.Insecure.PBKDF2.deriveKey(
            from: Array(password.utf8), salt: salt, using: .sha256,
            outputByteCount: keyBytes, unsafeUncheckedRounds: rounds
        ) else { return Data() }
        return key.withUnsafeBytes { Data($0) }
    }

    private static func constantTimeEqual(_ a: Data, _ b: Data) -> Bool {
        guard a.count == b.count, !a.isEmpty else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }
}
