import Foundation
import Hummingbird
import StratusCore

/// Nova's `images.py` `_get_filters` and `get_pagination_params`, turned into the
/// Glance v2 query Nova's glance client sends (`_extract_query_params_v2`).
struct ImageProxyListRequest {
    var query: ImageListQuery
    /// Nil: every image (glanceclient pages through them all for Nova).
    var limit: Int?
    /// A filter Glance could never match (a non-integer `minRam`): an empty list.
    var matchesNothing = false

    init(_ request: Request) throws {
        // webob's `params.get`: the last value of a repeated parameter.
        func last(_ name: String) -> String? { request.uri.queryParameters.getAll(name).last.map { String($0) } }
        query = ImageListQuery()
        if let name = last("name") { query.name = name }
        if let text = last("status") {
            // Nova lowercases; Glance refuses a status it does not know.
            guard let status = ImageStatus(rawValue: text.lowercased()) else {
                throw APIError.badRequest("Invalid status value: \(text.lowercased())")
            }
            query.status = status
        }
        if let text = last("changes-since") {
            guard let date = ServerListRequest.parseTimestamp(text) else {
                throw APIError.badRequest("Invalid time format for updated_at.")
            }
            query.updatedSince = date
        }
        for (key, value) in request.uri.queryParameters where key.hasPrefix("property-") {
            query.properties[String(key.dropFirst("property-".count))] = last(String(key)) ?? String(value)
        }
        // `server` may be the server's URL: its last path piece is the id.
        if let server = last("server") {
            query.properties["instance_uuid"] = server.split(separator: "/", omittingEmptySubsequences: false).last.map { String($0) }
        }
        if let type = last("type") { query.properties["image_type"] = type }
        for (name, keyPath) in [("minRam", \ImageListQuery.minRAM), ("minDisk", \ImageListQuery.minDisk)] {
            guard let text = last(name) else { continue }
            if let value = Int(text) { query[keyPath: keyPath] = value } else { matchesNothing = true }
        }
        if let text = last("limit") {
            guard let limit = Int(text) else {
                throw APIError.badRequest("Invalid input received: limit must be an integer.")
            }
            guard limit >= 0 else { throw APIError.badRequest("Invalid input received: limit must be >= 0.") }
            self.limit = limit
        }
        query.marker = last("marker")
    }
}
