import Foundation

/// Failures of the certificate store, worded and coded as Barbican answers them
/// (`{"code", "title", "description"}`).
public enum KeyManagerError: Error, Sendable, Equatable {
    /// 400.
    case badRequest(String)
    /// 403.
    case forbidden(String)
    /// 404.
    case notFound(String)
    /// 406: a payload asked for in a form it is not stored in.
    case notAcceptable(String)
    /// 415.
    case unsupportedMediaType(String)

    public static let secretNotFound = KeyManagerError.notFound("Secret not found.")

    /// Barbican's words for a denied rule.
    public static func policyDenied(_ action: KeyManagerPolicy.Action) -> KeyManagerError {
        let attempt = switch action {
        case .createSecret: "Secret creation"
        case .listSecrets: "Secret(s) retrieval"
        case .getSecret, .getSecretPayload: "Secret retrieval"
        case .deleteSecret: "Secret deletion"
        }
        return .forbidden("\(attempt) attempt not allowed - please review your user/project privileges")
    }
}
