import Foundation
import GRDB
import StratusCore

extension SQLiteStore {
    /// Glance's image list in one query: what the viewer may list (the SQL form of
    /// `ImageAccess.isListed`), the query's matches, keyset paging after `marker`.
    public func images(_ query: ImageListQuery, viewer: ImageViewer, after marker: Image?) async throws -> [Image] {
        try await read { db in
            var sql = SQLFilter()
            sql.add("images.status NOT IN ('deleted', 'pending_delete')")
            Self.addListing(query.filter, viewer: viewer, to: &sql)
            Self.addMatches(query, to: &sql)
            let sort = ImageSort.complete(query.sort)
            if let marker { Self.addAfter(marker, sort, to: &sql) }
            let order = sort.map { "images.\($0.key.rawValue) \($0.direction.rawValue.uppercased())" }
            var arguments = sql.arguments
            var text = "SELECT images.* FROM images\(sql.whereClause) ORDER BY \(order.joined(separator: ", "))"
            if let limit = query.limit {
                text += " LIMIT ?"
                arguments += [limit]
            }
            return try Self.images(Row.fetchAll(db, sql: text, arguments: arguments), db)
        }
    }

    /// Mirrors `ImageAccess.isListed`: hidden, visibility filter, then who may see.
    static func addListing(_ filter: ImageListFilter, viewer: ImageViewer, to sql: inout SQLFilter) {
        let project = viewer.projectID
        sql.add("images.os_hidden = ?", filter.osHidden)
        switch filter.visibility {
        case .unspecified:
            // Community images are listed only to their owner unless asked for.
            if let project {
                sql.add("(images.visibility != 'community' OR images.owner = ?)", project)
            } else {
                sql.add("images.visibility != 'community'")
            }
        case .all:
            break
        case .only(let visibility):
            sql.add("images.visibility = ?", visibility.rawValue)
        }
        guard !viewer.isAdmin else { return }
        guard let project else {
            sql.add("images.visibility IN ('public', 'community')")
            return
        }
        // A rejected membership never lists (nor shows) the image.
        let statuses = (filter.memberStatus.map { [$0] } ?? [.pending, .accepted]).filter { $0 != .rejected }
        var clause = "(images.visibility IN ('public', 'community') OR images.owner = ?"
        var arguments: [any DatabaseValueConvertible] = [project]
        if !statuses.isEmpty {
            clause += """
                 OR (images.visibility = 'shared' AND EXISTS (SELECT 1 FROM image_members AS m
                     WHERE m.image_id = images.id AND m.member_id = ? AND m.status IN (\(databaseQuestionMarks(count: statuses.count)))))
                """
            arguments.append(project)
            arguments += statuses.map(\.rawValue)
        }
        sql.add(clause + ")", arguments)
    }

    static func addMatches(_ query: ImageListQuery, to sql: inout SQLFilter) {
        sql.add("images.name = ?", query.name)
        sql.add("images.id = ?", query.id)
        sql.add("images.status = ?", query.status?.rawValue)
        sql.add("images.owner = ?", query.owner)
        sql.add("images.container_format = ?", query.containerFormat)
        sql.add("images.disk_format = ?", query.diskFormat)
        sql.add("images.protected = ?", query.protected)
        sql.add("images.size = ?", query.size)
        sql.add("images.size >= ?", query.sizeMin)
        sql.add("images.size <= ?", query.sizeMax)
        sql.add("images.updated_at >= ?", query.updatedSince?.timeIntervalSince1970)
        sql.add("images.min_ram = ?", query.minRAM)
        sql.add("images.min_disk = ?", query.minDisk)
        addOperators(query, to: &sql)
        for tag in query.tags {
            sql.add("EXISTS (SELECT 1 FROM image_tags AS t WHERE t.image_id = images.id AND t.tag = ?)", tag)
        }
        for (key, value) in query.properties.sorted(by: { $0.key < $1.key }) {
            sql.add("EXISTS (SELECT 1 FROM image_properties AS p WHERE p.image_id = images.id AND p.key = ? AND p.value = ?)",
                    [key, value])
        }
    }

    /// Rows strictly after `marker` in `sort` order: (k1 after m1) or (k1 = m1 and
    /// k2 after m2) or …; the order ends with `id`, so no row ties with the marker.
    /// SQLite puts NULLs first ascending and last descending; "after" follows that.
    static func addAfter(_ marker: Image, _ sort: [ImageSort], to sql: inout SQLFilter) {
        var alternatives: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        for (index, key) in sort.enumerated() {
            var terms: [String] = []
            for earlier in sort[..<index] {
                terms.append("images.\(earlier.key.rawValue) IS ?")
                arguments.append(sortValue(marker, earlier.key))
            }
            let column = "images.\(key.key.rawValue)"
            let value = sortValue(marker, key.key)
            switch (key.direction, value.isNull) {
            case (.asc, true): terms.append("\(column) IS NOT NULL")
            case (.asc, false):
                terms.append("\(column) > ?")
                arguments.append(value)
            case (.desc, true): terms.append("0")
            case (.desc, false):
                terms.append("(\(column) < ? OR \(column) IS NULL)")
                arguments.append(value)
            }
            alternatives.append("(" + terms.joined(separator: " AND ") + ")")
        }
        sql.add("(" + alternatives.joined(separator: " OR ") + ")", arguments)
    }

    static func sortValue(_ image: Image, _ key: ImageSortKey) -> DatabaseValue {
        switch key {
        case .name: image.name.databaseValue
        case .status: image.status.rawValue.databaseValue
        case .containerFormat: image.containerFormat.databaseValue
        case .diskFormat: image.diskFormat.databaseValue
        case .size: image.size.databaseValue
        case .id: image.id.databaseValue
        case .createdAt: image.createdAt.timeIntervalSince1970.databaseValue
        case .updatedAt: image.updatedAt.timeIntervalSince1970.databaseValue
        }
    }
}
