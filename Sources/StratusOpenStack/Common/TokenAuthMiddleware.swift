import Hummingbird
import StratusCore

/// Validates `X-Auth-Token` and puts the caller in the context; every route
/// behind it can then build a `Caller`.
public struct TokenAuthMiddleware: RouterMiddleware {
    public typealias Context = OpenStackRequestContext

    let identity: IdentityService

    public init(identity: IdentityService) {
        self.identity = identity
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let secret = request.header("X-Auth-Token") else { throw IdentityError.authenticationRequired }
        var context = context
        let auth = try await identity.validate(secret: secret)
        context.auth = auth
        context.accessNote.record(user: auth.user.id, project: auth.project?.id)
        context.logger[metadataKey: "user_id"] = .string(auth.user.id)
        return try await next(request, context)
    }
}
