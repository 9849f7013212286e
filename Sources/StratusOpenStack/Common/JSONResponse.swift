import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension Response {
    /// A JSON response. Encoding a `JSONValue` cannot fail for finite numbers;
    /// a non-finite one would be a programming error, reported as 500 upstream.
    public static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        let data = try value.serialized()
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    public static func empty(_ status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        Response(status: status, headers: headers, body: .init())
    }
}

extension Request {
    /// Reads and parses a JSON body, bounded by the context's upload limit.
    /// `mediaTypeChecked`: the route read `Content-Type` itself (Glance's JSON patches).
    public func jsonBody(limit: Int, mediaTypeChecked: Bool = false) async throws -> JSONValue {
        guard let body = try await optionalJSONBody(limit: limit, mediaTypeChecked: mediaTypeChecked) else {
            throw APIError.badRequest("The request body is empty; JSON is expected.")
        }
        return body
    }

    /// The JSON body, or nil when there is none (routes whose body is optional).
    public func optionalJSONBody(limit: Int, mediaTypeChecked: Bool = false) async throws -> JSONValue? {
        // A declared length past the limit is refused before any byte is waited for.
        if let declared = headers[.contentLength], let length = Int(declared), length > limit {
            throw APIError(.contentTooLarge, "The request body is larger than \(limit) bytes.")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError(.contentTooLarge, "The request body is larger than \(limit) bytes.")
        } catch {
            throw APIError.badRequest("The request body is incomplete.")
        }
        guard buffer.readableBytes > 0 else { return nil }
        if !mediaTypeChecked { try requireJSONContentType() }
        return try JSONBodyParser.parse(Data(buffer.readableBytesView))
    }

    /// Nova, Glance, Keystone and Neutron read JSON only: a body declared as anything
    /// else is webob's 415. No `Content-Type` at all is read as JSON, as Nova does.
    func requireJSONContentType() throws {
        guard let declared = headers[.contentType] else { return }
        let mediaType = declared.split(separator: ";", maxSplits: 1).first
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
        else {
            throw APIError(.unsupportedMediaType, "Unsupported Content-Type")
        }
    }

    public func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { headers[$0] }
    }

    public func query(_ name: String) -> String? {
        uri.queryParameters.get(name)
    }
}
