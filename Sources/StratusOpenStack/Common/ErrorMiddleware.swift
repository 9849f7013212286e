import Hummingbird
import Logging

/// Turns every error into a response in the format of the API the path
/// belongs to. Unexpected errors are logged in full and shown as a generic 500,
/// so no internal detail reaches a client.
public struct ErrorMiddleware: RouterMiddleware {
    public typealias Context = OpenStackRequestContext

    /// Where clients are sent to authenticate (`WWW-Authenticate` on 401).
    let identityURL: String

    public init(identityURL: String) {
        self.identityURL = identityURL
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            var headers: HTTPFields = [:]
            var error = error
            if let versioned = error as? VersionedError {
                ComputeVersionMiddleware.stamp(&headers, versioned.version)
                error = versioned.underlying
            }
            let (apiError, unexpected) = APIError.from(error)
            if unexpected {
                context.logger.error("unexpected error", metadata: ["error": .string(String(describing: error))])
            }
            if let seconds = apiError.retryAfter {
                headers[.retryAfter] = String(seconds)
            }
            if apiError.status == .unauthorized {
                headers[.wwwAuthenticate] = "Keystone uri=\"\(identityURL)\""
            }
            let format = ErrorFormat.forPath(request.uri.path)
            if request.method == .head {
                return .empty(apiError.status, headers: headers)
            }
            return try format.response(apiError, accept: request.headers[.accept], headers: headers)
        }
    }
}
