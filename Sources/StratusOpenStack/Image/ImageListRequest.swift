import Foundation
import Hummingbird
import StratusCore

/// `GET /v2/images` query parameters as Glance reads them, and the `first` and
/// `next` links it answers with.
enum ImageListRequest {
    /// Parameters with a meaning of their own; any other is an extra property filter.
    static let known: Set<String> = [
        "limit", "marker", "sort", "sort_key", "sort_dir", "name", "id", "visibility", "member_status", "status",
        "owner", "tag", "os_hidden", "protected", "container_format", "disk_format", "size", "size_min", "size_max",
        "created_at", "updated_at",
    ]

    static func query(_ request: Request) throws -> ImageListQuery {
        let parameters = request.uri.queryParameters
        func value(_ name: String) -> String? { parameters[Substring(name)].map { String($0) } }
        var query = ImageListQuery()
        query.filter = ImageListFilter(
            visibility: try visibility(value("visibility")), memberStatus: try memberStatus(value("member_status")),
            osHidden: try boolean(value("os_hidden"), "os_hidden") ?? false)
        query.limit = try integer(value("limit"), "limit").map(Int.init)
        query.marker = value("marker")
        query.owner = value("owner")
        // `in:`, `eq:` and the comparisons; their 400s are the core's, worded as Glance's.
        for column in ImageListColumn.allCases {
            if let text = value(column.rawValue) { try query.filter(column, by: text) }
        }
        for field in ImageTimeComparison.Field.allCases {
            if let text = value(field.rawValue) { try query.filter(field, by: text) }
        }
        query.protected = try boolean(value("protected"), "protected")
        query.size = try integer(value("size"), "size")
        query.sizeMin = try rangeBound(value("size_min"))
        query.sizeMax = try rangeBound(value("size_max"))
        query.tags = parameters.getAll("tag").map { String($0) }
        query.sort = try ImageSortParameters.parse(
            sort: value("sort"), keys: parameters.getAll("sort_key").map { String($0) },
            directions: parameters.getAll("sort_dir").map { String($0) })
        for (key, item) in parameters where !known.contains(String(key)) {
            query.properties[String(key)] = String(item)
        }
        return query
    }

    static func visibility(_ text: String?) throws -> ImageListFilter.Visibility {
        guard let text else { return .unspecified }
        if text == "all" { return .all }
        guard let visibility = ImageVisibility(rawValue: text) else {
            throw APIError.badRequest("Invalid visibility value: \(text)")
        }
        return .only(visibility)
    }

    static func memberStatus(_ text: String?) throws -> ImageMemberStatus? {
        guard let text else { return .accepted }
        if text == "all" { return nil }
        guard let status = ImageMemberStatus(rawValue: text) else { throw APIError.badRequest("Invalid status value: \(text)") }
        return status
    }

    static func boolean(_ text: String?, _ name: String) throws -> Bool? {
        guard let text else { return nil }
        switch text.lowercased() {
        case "true", "1", "yes", "on", "t", "y": return true
        case "false", "0", "no", "off", "f", "n": return false
        default: throw APIError.badRequest("Invalid value '\(text)' for parameter \(name): it must be a boolean.")
        }
    }

    static func integer(_ text: String?, _ name: String) throws -> Int64? {
        guard let text else { return nil }
        guard let number = Int64(text) else { throw APIError.badRequest("\(name) param must be an integer") }
        guard number >= 0 else { throw APIError.badRequest("\(name) param must be positive") }
        return number
    }

    /// `size_min`/`size_max`: Glance's `int()` of the value, so no operators, and a
    /// negative bound is allowed (it matches every image with data).
    static func rangeBound(_ text: String?) throws -> Int64? {
        guard let text else { return nil }
        guard let number = Int64(text) else { throw APIError.badRequest("Unable to filter on a range with a non-numeric value.") }
        return number
    }

    /// The request's own query without `marker`, percent-encoding untouched.
    static func queryWithoutMarker(_ request: Request) -> [Substring] {
        (request.uri.query ?? "").split(separator: "&").filter { !$0.hasPrefix("marker=") && $0 != "marker" }
    }

    static func first(_ request: Request) -> String {
        let items = queryWithoutMarker(request)
        return items.isEmpty ? "/v2/images" : "/v2/images?" + items.joined(separator: "&")
    }

    static func next(_ request: Request, marker: String) -> String {
        let encoded = marker.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(["&", "=", "+"])) ?? marker
        return "/v2/images?" + (queryWithoutMarker(request) + ["marker=\(encoded)"]).joined(separator: "&")
    }
}
