import Foundation
import HTTPTypes
import Hummingbird

/// Outermost middleware: gives every request an id and stamps it on every
/// response, errors included (tempest matches instance actions by it).
public struct RequestIDMiddleware: RouterMiddleware {
    public typealias Context = OpenStackRequestContext

    static let openstack = HTTPField.Name("x-openstack-request-id")!
    static let compute = HTTPField.Name("x-compute-request-id")!

    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.requestID = "req-" + UUID().uuidString.lowercased()
        context.logger[metadataKey: "request_id"] = .string(context.requestID)
        var response = try await next(request, context)
        response.headers[Self.openstack] = context.requestID
        if request.uri.path.hasPrefix("/compute") {
            response.headers[Self.compute] = context.requestID
        }
        return response
    }
}
