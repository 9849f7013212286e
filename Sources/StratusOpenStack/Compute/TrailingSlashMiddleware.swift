import Hummingbird

/// Nova routes `GET /os-volumes/` as the show of an empty id, which is not found
/// (tempest checks it); the router here would let the trailing slash reach the
/// collection instead. Every API path ending in `/` is therefore Nova's 404.
struct TrailingSlashMiddleware: RouterMiddleware {
    typealias Context = OpenStackRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.path.hasSuffix("/") { throw APIError.notFound() }
        return try await next(request, context)
    }
}
