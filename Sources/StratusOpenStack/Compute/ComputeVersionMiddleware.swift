import HTTPTypes
import Hummingbird

/// Negotiates the microversion of a Compute request from
/// `OpenStack-API-Version: compute X` or `X-OpenStack-Nova-API-Version: X`
/// (absent → the minimum, `latest` → the maximum) and echoes it with `Vary`,
/// as Nova does — on errors too, so clients see what was understood.
public struct ComputeVersionMiddleware: RouterMiddleware {
    public typealias Context = OpenStackRequestContext

    static let openstackHeader = HTTPField.Name("OpenStack-API-Version")!
    static let legacyHeader = HTTPField.Name("X-OpenStack-Nova-API-Version")!

    /// Nova's legacy `/v2` endpoint: microversion headers are neither read nor
    /// answered, and requests are served as the base version (2.1).
    let legacyV2: Bool

    public init(legacyV2: Bool = false) {
        self.legacyV2 = legacyV2
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if legacyV2 {
            var context = context
            context.computeVersion = ComputeAPIVersions.minimum
            return try await next(request, context)
        }
        let requested = Self.requestedVersion(request.headers)
        let version: Microversion
        do {
            version = try Self.negotiate(requested)
        } catch {
            // Nova echoes the version it was asked for on its 400/406.
            throw VersionedError(underlying: error, version: requested ?? ComputeAPIVersions.minimum.description)
        }
        var context = context
        context.computeVersion = version
        do {
            var response = try await next(request, context)
            Self.stamp(&response.headers, version.description)
            return response
        } catch {
            throw VersionedError(underlying: error, version: version.description)
        }
    }

    static func requestedVersion(_ headers: HTTPFields) -> String? {
        if let value = headers[openstackHeader] {
            let words = value.split(separator: " ", omittingEmptySubsequences: true)
            if words.count == 2, words[0].lowercased() == "compute" { return String(words[1]) }
        }
        return headers[legacyHeader]?.trimmingCharacters(in: .whitespaces)
    }

    static func negotiate(_ requested: String?) throws -> Microversion {
        guard let requested else { return ComputeAPIVersions.minimum }
        if requested.lowercased() == "latest" { return ComputeAPIVersions.maximum }
        guard let version = Microversion(requested) else {
            throw APIError.badRequest(
                "API Version String \(requested) is of invalid format. Must be of format MajorNum.MinorNum.")
        }
        guard version >= ComputeAPIVersions.minimum, version <= ComputeAPIVersions.maximum else {
            throw APIError(.notAcceptable,
                "Version \(requested) is not supported by the API. Minimum is \(ComputeAPIVersions.minimum) and maximum is \(ComputeAPIVersions.maximum).")
        }
        return version
    }

    static func stamp(_ headers: inout HTTPFields, _ version: String) {
        headers[openstackHeader] = "compute \(version)"
        headers[legacyHeader] = version
        headers.append(HTTPField(name: .vary, value: "OpenStack-API-Version"))
        headers.append(HTTPField(name: .vary, value: "X-OpenStack-Nova-API-Version"))
    }
}

/// An error raised under a negotiated (or rejected) microversion; the error
/// middleware renders the underlying error and adds the version headers.
public struct VersionedError: Error, Sendable {
    public var underlying: any Error
    public var version: String
}
