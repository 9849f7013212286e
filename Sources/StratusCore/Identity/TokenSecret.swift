import Crypto
import Foundation

/// Bearer token secrets: 256 random bits, URL-safe base64. Only their SHA-256
/// is stored.
public enum TokenSecret {
    public static let bytes = 32

    public static func generate(using ids: any IdentifierSource) -> String {
        Data(ids.randomBytes(bytes)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public static func hash(_ secret: String) -> String {
        SHA256.hash(data: Array(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
