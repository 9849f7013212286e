import Foundation

/// Failures of compute use cases, worded as Nova words them.
public enum ComputeError: Error, Sendable, Equatable {
    case badRequest(String)
    case forbidden(String)
    case notFound(String)
    case conflict(String)
    /// Nova's 501: the deployment cannot do this at all (host power actions, say).
    case notImplemented(String)
    /// 413 (`overLimit`): Cinder's answer to a volume quota.
    case overLimit(String)

    public static func policyDenied(_ action: String) -> ComputeError {
        .forbidden("Policy doesn't allow \(action) to be performed.")
    }

    public static func flavorNotFound(_ id: String) -> ComputeError {
        .notFound("Flavor \(id) could not be found.")
    }
}
