import Foundation
import HTTPTypes
import StratusOpenStack

/// Glance calls as openstacksdk makes them: JSON asked for, so errors come back
/// as webob's JSON (`{"message", "code", "title"}`).
extension TestCloud {
    func glance(_ method: HTTPRequest.Method, _ path: String, token: String, json: JSONValue? = nil) async throws -> Reply {
        try await send(method, "/image/v2" + path, token: token, json: json, headers: [.accept: "application/json"])
    }

    /// Creates a raw/bare image and returns its id.
    func createImage(token: String, _ fields: [String: JSONValue] = [:]) async throws -> String {
        var body: [String: JSONValue] = ["name": "disk", "disk_format": "raw", "container_format": "bare"]
        body.merge(fields) { _, new in new }
        let reply = try await glance(.post, "/images", token: token, json: .object(body))
        guard reply.status == .created, let id = reply.json?["id"]?.stringValue else {
            throw ImageTestFailure("create image: \(reply.status) \(String(describing: reply.json))")
        }
        return id
    }

    func upload(_ id: String, token: String, _ bytes: [UInt8]) async throws -> RawReply {
        try await sendRaw(.put, "/image/v2/images/\(id)/file", token: token, body: bytes, contentType: "application/octet-stream")
    }
}

extension Reply {
    /// webob's JSON error message.
    var glanceMessage: String? { json?["message"]?.stringValue }
}

struct ImageTestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
