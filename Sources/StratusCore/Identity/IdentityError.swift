import Foundation

/// Failures of identity use cases, in the terms Keystone reports them.
public enum IdentityError: Error, Sendable, Equatable {
    /// 401. The message never says which of user or password was wrong.
    case unauthorized(String)
    /// 403.
    case forbidden(String)
    /// 404: `kind` is Keystone's resource word (user, project, role, ...).
    case notFound(kind: String, id: String)
    /// 409.
    case conflict(String)
    /// 400.
    case badRequest(String)
    /// 429 with `Retry-After`: too many logins from one source, or the password
    /// workers' queue is full.
    case tooManyRequests(retryAfter: Int)

    public static let authenticationRequired = IdentityError.unauthorized(
        "The request you have made requires authentication.")

    public static func policyDenied(_ action: String) -> IdentityError {
        .forbidden("You are not authorized to perform the requested action: \(action).")
    }
}
