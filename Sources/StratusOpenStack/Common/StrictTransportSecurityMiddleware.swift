import HTTPTypes
import Hummingbird

/// On a cloud served over HTTPS, every answer (errors included) tells browsers
/// and dashboards to use HTTPS only for a year (HSTS).
public struct StrictTransportSecurityMiddleware: RouterMiddleware {
    public typealias Context = OpenStackRequestContext

    static let header = HTTPField.Name("Strict-Transport-Security")!
    static let value = "max-age=31536000"

    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        response.headers[Self.header] = Self.value
        return response
    }
}
