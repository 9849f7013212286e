import Hummingbird
import Logging
import NIOCore
import StratusCore
import Synchronization

/// Per-request state shared by every front: the request id, the caller once a
/// token was validated, and where the request came from.
public struct OpenStackRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var requestID: String
    public var auth: AuthContext?
    /// The negotiated Compute microversion (set by `ComputeVersionMiddleware`).
    public var computeVersion = ComputeAPIVersions.minimum
    public let remoteAddress: String
    /// Filled by inner middleware, read by the access log that wraps them
    /// (contexts are values, so a reference carries the answer back out).
    public let accessNote: AccessNote

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        requestID = ""
        remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        accessNote = AccessNote()
    }

    /// Identity and Compute bodies are small; image uploads stream and do not
    /// go through this limit.
    public var maxUploadSize: Int { 1 << 20 }

    /// The caller of a use case; only valid behind the token middleware.
    public func caller() throws -> Caller {
        guard let auth else { throw IdentityError.authenticationRequired }
        return Caller(auth: auth, requestID: requestID)
    }
}

/// Who made a request, for its access log line.
public final class AccessNote: Sendable {
    private let state = Mutex<(user: String?, project: String?)>((nil, nil))

    public init() {}

    public func record(user: String?, project: String?) {
        state.withLock { $0 = (user, project) }
    }

    public var user: String? { state.withLock { $0.user } }
    public var project: String? { state.withLock { $0.project } }
}
