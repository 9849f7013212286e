import Foundation
import StratusCore

/// Glance's two sort syntaxes: `sort_key`/`sort_dir` (repeatable) or `sort=key:dir,…`,
/// never both. A key without a direction sorts descending.
enum ImageSortParameters {
    static func parse(sort: String?, keys: [String], directions: [String]) throws -> [ImageSort] {
        if let sort {
            guard keys.isEmpty, directions.isEmpty else {
                throw APIError.badRequest("Old and new sorting syntax cannot be combined")
            }
            // Glance's `partition(':')`: `:asc` names the empty key and `name:` no direction.
            return try sort.split(separator: ",").map { item in
                let parts = item.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                let given = parts.count > 1 ? parts[1] : ""
                return ImageSort(try key(parts[0]), try direction(given.isEmpty ? "desc" : given))
            }
        }
        guard directions.count <= 1 || directions.count == keys.count else {
            throw APIError.badRequest("Number of sort dirs does not match the number of sort keys")
        }
        if keys.isEmpty, let only = directions.first {
            return [ImageSort(.createdAt, try direction(only))]
        }
        return try keys.enumerated().map { index, name in
            let dir = directions.count == keys.count ? directions[index] : (directions.first ?? "desc")
            return ImageSort(try key(name), try direction(dir))
        }
    }

    static func key(_ name: String) throws -> ImageSortKey {
        guard let key = ImageSortKey(rawValue: name) else {
            let available = ImageSortKey.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError.badRequest("Invalid sort key: \(name). It must be one of the following: \(available).")
        }
        return key
    }

    static func direction(_ name: String) throws -> ImageSortDirection {
        guard let direction = ImageSortDirection(rawValue: name) else {
            throw APIError.badRequest("Invalid sort direction: \(name)")
        }
        return direction
    }
}
