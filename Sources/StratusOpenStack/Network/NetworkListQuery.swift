import Foundation
import Hummingbird
import StratusCore

/// Neutron's list query over rendered resources: any shown field as a filter
/// (repeated values are alternatives; `fixed_ips=ip_address=…` matches inside the
/// list), `fields` to project, `sort_key`/`sort_dir`, and `limit`/`marker` pages
/// with a `<collection>_links` next link. A filter on a field the resource does
/// not have is a 400, as Neutron's filter validation answers.
struct NetworkListQuery {
    static let controlKeys: Set<String> = ["fields", "limit", "marker", "sort_key", "sort_dir", "page_reverse"]

    var filters: [(String, [String])] = []
    var fields: [String] = []
    var limit: Int?
    var marker: String?
    var sortKeys: [(String, ascending: Bool)] = []

    init(_ request: Request) throws {
        var grouped: [String: [String]] = [:]
        var order: [String] = []
        var sortDirections: [Bool] = []
        var sortNames: [String] = []
        for (key, value) in request.uri.queryParameters {
            let name = String(key).removingPercentEncoding ?? String(key)
            let text = String(value)
            switch name {
            case "fields": fields.append(text)
            case "limit":
                guard let number = Int(text), number >= 0 else {
                    throw NetworkError.badRequest("Bad limit request: Limit must be an integer 0 or greater and not '\(text)'.")
                }
                limit = number == 0 ? nil : number
            case "marker": marker = text
            case "sort_key": sortNames.append(text)
            case "sort_dir":
                guard text == "asc" || text == "desc" else {
                    throw NetworkError.badRequest("Invalid input for operation: \(text) is an invalid value for sort_dir.")
                }
                sortDirections.append(text == "asc")
            case "page_reverse": break
            default:
                if grouped[name] == nil { order.append(name) }
                grouped[name, default: []].append(text)
            }
        }
        filters = order.map { ($0, grouped[$0] ?? []) }
        sortKeys = sortNames.enumerated().map { index, name in
            (name, index < sortDirections.count ? sortDirections[index] : true)
        }
    }

    /// Filters, sorts, pages and projects `items` (each an object with an `id`).
    func apply(_ items: [JSONValue], collection: String, baseURL: String) throws -> JSONValue {
        var matched = try items.filter(matches)
        for (key, _) in sortKeys.reversed() {
            guard matched.first.map({ Self.field($0, key) != nil }) ?? true else {
                throw NetworkError.badRequest("\(key) is an invalid attribute for sort_keys")
            }
        }
        if !sortKeys.isEmpty {
            matched.sort { left, right in
                for (key, ascending) in sortKeys {
                    let a = Self.text(Self.field(left, key)), b = Self.text(Self.field(right, key))
                    if a != b { return ascending ? a < b : a > b }
                }
                return false
            }
        }
        if let marker {
            guard let index = matched.firstIndex(where: { Self.field($0, "id") == .string(marker) }) else {
                throw NetworkError.badRequest("Invalid input for operation: marker \(marker) not found.")
            }
            matched = Array(matched[(index + 1)...])
        }
        var body: [String: JSONValue] = [:]
        if let limit, matched.count > limit {
            matched = Array(matched.prefix(limit))
            if case .string(let last)? = matched.last.flatMap({ Self.field($0, "id") }) {
                body[collection + "_links"] = [["rel": "next", "href": .string("\(baseURL)?limit=\(limit)&marker=\(last)")]]
            }
        }
        body[collection] = .array(matched.map(project))
        return .object(body)
    }

    func project(_ item: JSONValue) -> JSONValue {
        guard !fields.isEmpty, case .object(let members) = item else { return item }
        return .object(members.filter { fields.contains($0.key) })
    }

    private func matches(_ item: JSONValue) throws -> Bool {
        for (key, wanted) in filters {
            if key == "fixed_ips" {
                guard case .array(let entries)? = Self.field(item, "fixed_ips") else { return false }
                let pairs = wanted.compactMap { condition -> (String, String)? in
                    let parts = condition.split(separator: "=", maxSplits: 1).map(String.init)
                    return parts.count == 2 ? (parts[0], parts[1]) : nil
                }
                let hit = entries.contains { entry in
                    pairs.allSatisfy { Self.text(Self.field(entry, $0.0)) == $0.1 }
                }
                if !hit { return false }
                continue
            }
            guard let value = Self.field(item, key) else {
                throw NetworkError.badRequest("[\(key)] is invalid attribute for filtering")
            }
            if case .array(let list) = value {
                if !wanted.contains(where: { text in list.contains { Self.text($0) == text } }) { return false }
            } else if !wanted.contains(where: { Self.equal(value, $0) }) {
                return false
            }
        }
        return true
    }

    static func field(_ item: JSONValue, _ key: String) -> JSONValue? {
        guard case .object(let members) = item else { return nil }
        return members[key]
    }

    static func equal(_ value: JSONValue, _ text: String) -> Bool {
        if case .bool(let flag) = value { return text.lowercased() == (flag ? "true" : "false") }
        return Self.text(value) == text
    }

    static func text(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text)?: text
        case .int(let number)?: String(number)
        case .bool(let flag)?: flag ? "true" : "false"
        case .null?, nil: ""
        default: ""
        }
    }
}
