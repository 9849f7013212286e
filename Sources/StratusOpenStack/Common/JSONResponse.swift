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
    public func jsonBody(limit: Int) async throws -> JSONValue {
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: limit)
        } catch {
            throw APIError(.contentTooLarge, "The request body is larger than \(limit) bytes.")
        }
        guard buffer.readableBytes > 0 else { throw APIError.badRequest("The request body is empty; JSON is expected.") }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(buffer.readableBytesView))
        } catch {
            throw APIError.badRequest("The request body is not valid JSON.")
        }
    }

    public func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { headers[$0] }
    }

    public func query(_ name: String) -> String? {
        uri.queryParameters.get(name)
    }
}
