import Crypto
import Foundation

/// Bearer token secrets: 256 random bits, URL-safe base64 behind a fixed
/// prefix. Only their SHA-256 is stored.
///
/// The prefix matters: base64url may begin with `-`, and command-line clients
/// (`openstack token revoke <token>`) then read the token as an option. It also
/// makes a leaked Stratus token recognisable to secret scanners.
public enum TokenSecret {
    public static let bytes = 32
    public static let prefix = "stk"

    public static func generate(using ids: any IdentifierSource) -> String {
        prefix + Data(ids.randomBytes(bytes)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public static func hash(_ secret: String) -> String {
        LowercaseHex.string(SHA256.hash(data: Array(secret.utf8)))
    }
}
