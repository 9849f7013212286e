import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import StratusOpenStack

/// Requests whose body is not JSON (image data, JSON patches) and replies whose
/// body is not JSON (downloads, Glance's error pages).
extension TestCloud {
    func sendRaw(
        _ method: HTTPRequest.Method, _ path: String, token: String? = nil, body: [UInt8]? = nil,
        contentType: String? = nil, headers extra: HTTPFields = [:]
    ) async throws -> RawReply {
        var headers = extra
        if let token { headers[HTTPField.Name("X-Auth-Token")!] = token }
        if let contentType { headers[.contentType] = contentType }
        let response = try await client.execute(
            uri: path, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0) })
        return RawReply(status: response.status, headers: response.headers, body: Array(response.body.readableBytesView))
    }

    /// A JSON patch with the v2.1 media type.
    func patch(_ path: String, token: String, _ operations: JSONValue) async throws -> Reply {
        let raw = try await sendRaw(
            .patch, path, token: token, body: Array(try JSONEncoder().encode(operations)),
            contentType: "application/openstack-images-v2.1-json-patch", headers: [.accept: "application/json"])
        return Reply(status: raw.status, headers: raw.headers, json: raw.json)
    }
}

struct RawReply {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }
    var json: JSONValue? { body.isEmpty ? nil : try? JSONDecoder().decode(JSONValue.self, from: Data(body)) }
}
