import Foundation
import GRDB
import StratusCore

extension SQLiteStore: ImageStore {
    public func image(id: String) async throws -> Image? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM images WHERE id = ?", arguments: [id])
                .map { try Self.images([$0], db)[0] }
        }
    }

    public func images(status: ImageStatus) async throws -> [Image] {
        try await read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM images WHERE status = ? ORDER BY created_at, id", arguments: [status.rawValue])
            return try Self.images(rows, db)
        }
    }

    /// Images with their tags and extra properties, read in two queries per call
    /// whatever the number of rows.
    static func images(_ rows: [Row], _ db: Database) throws -> [Image] {
        guard !rows.isEmpty else { return [] }
        let ids: [String] = rows.map { $0["id"] }
        let placeholders = databaseQuestionMarks(count: ids.count)
        var tags: [String: Set<String>] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT image_id, tag FROM image_tags WHERE image_id IN (\(placeholders))",
            arguments: StatementArguments(ids)) {
            tags[row["image_id"], default: []].insert(row["tag"])
        }
        var properties: [String: [String: String]] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT image_id, key, value FROM image_properties WHERE image_id IN (\(placeholders))",
            arguments: StatementArguments(ids)) {
            properties[row["image_id"], default: [:]][row["key"]] = row["value"]
        }
        return rows.map { row in
            let id: String = row["id"]
            return image(row, tags: tags[id] ?? [], properties: properties[id] ?? [:])
        }
    }

    static func image(_ row: Row, tags: Set<String>, properties: [String: String]) -> Image {
        Image(
            id: row["id"], name: row["name"], status: ImageStatus(rawValue: row["status"]) ?? .killed,
            visibility: ImageVisibility(rawValue: row["visibility"]) ?? .private, owner: row["owner"],
            protected: row["protected"], osHidden: row["os_hidden"], containerFormat: row["container_format"],
            diskFormat: row["disk_format"], size: row["size"], virtualSize: row["virtual_size"], checksum: row["checksum"],
            osHashAlgo: row["os_hash_algo"], osHashValue: row["os_hash_value"], minDisk: row["min_disk"],
            minRAM: row["min_ram"], tags: tags, extraProperties: properties,
            createdAt: Date(timeIntervalSince1970: row["created_at"]),
            updatedAt: Date(timeIntervalSince1970: row["updated_at"]), version: row["version"])
    }

    /// Every column but `id` and `version`.
    static func columns(of image: Image) -> [String: (any DatabaseValueConvertible)?] {
        [
            "name": image.name, "status": image.status.rawValue, "visibility": image.visibility.rawValue,
            "owner": image.owner, "protected": image.protected, "os_hidden": image.osHidden,
            "container_format": image.containerFormat, "disk_format": image.diskFormat, "size": image.size,
            "virtual_size": image.virtualSize, "checksum": image.checksum, "os_hash_algo": image.osHashAlgo,
            "os_hash_value": image.osHashValue, "min_disk": image.minDisk, "min_ram": image.minRAM,
            "created_at": image.createdAt.timeIntervalSince1970, "updated_at": image.updatedAt.timeIntervalSince1970,
        ]
    }

    static func insert(_ image: Image, _ db: Database) throws {
        let columns = columns(of: image)
        let names = columns.keys.sorted()
        try db.execute(
            sql: """
                INSERT INTO images (id, version, \(names.joined(separator: ", ")))
                VALUES (?, ?, \(databaseQuestionMarks(count: names.count)))
                """,
            arguments: StatementArguments([image.id, image.version] + names.map { columns[$0]! }))
        try insertDetails(of: image, db)
    }

    static func update(_ image: Image, _ db: Database) throws {
        let columns = columns(of: image)
        let names = columns.keys.sorted()
        try db.executeChecked(
            "UPDATE images SET \(names.map { "\($0) = ?" }.joined(separator: ", ")), version = version + 1 WHERE id = ? AND version = ?",
            StatementArguments(names.map { columns[$0]! } + [image.id, image.version]),
            what: "image \(image.id)")
        try db.execute(sql: "DELETE FROM image_tags WHERE image_id = ?", arguments: [image.id])
        try db.execute(sql: "DELETE FROM image_properties WHERE image_id = ?", arguments: [image.id])
        try insertDetails(of: image, db)
    }

    private static func insertDetails(of image: Image, _ db: Database) throws {
        for tag in image.tags {
            try db.execute(sql: "INSERT INTO image_tags (image_id, tag) VALUES (?, ?)", arguments: [image.id, tag])
        }
        for (key, value) in image.extraProperties {
            try db.execute(
                sql: "INSERT INTO image_properties (image_id, key, value) VALUES (?, ?, ?)", arguments: [image.id, key, value])
        }
    }
}
