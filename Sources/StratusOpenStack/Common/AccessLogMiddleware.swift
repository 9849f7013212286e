import Foundation
import Hummingbird
import Logging

/// One structured line per request: id, user, project, method, path, status,
/// duration. The path only: query strings and bodies may carry secrets.
public struct AccessLogMiddleware: RouterMiddleware {
    public typealias Context = OpenStackRequestContext

    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info("request", metadata: [
            "request_id": .string(context.requestID),
            "user": .string(context.accessNote.user ?? "-"),
            "project": .string(context.accessNote.project ?? "-"),
            "method": .string(request.method.rawValue),
            "path": .string(request.uri.path),
            "status": .stringConvertible(response.status.code),
            "duration_ms": .string(String(format: "%.2f", milliseconds)),
            "remote": .string(context.remoteAddress),
        ])
        return response
    }
}
