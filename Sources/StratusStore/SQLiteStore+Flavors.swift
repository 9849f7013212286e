import Foundation
import GRDB
import StratusCore

extension SQLiteStore: ComputeStore {
    public func flavor(id: String) async throws -> Flavor? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM flavors WHERE id = ?", arguments: [id]).map { try Self.flavor($0, db) }
        }
    }

    public func flavor(named name: String) async throws -> Flavor? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM flavors WHERE name = ?", arguments: [name]).map { try Self.flavor($0, db) }
        }
    }

    public func flavors(_ filter: FlavorListFilter, visibleTo projectID: String?) async throws -> [Flavor] {
        var conditions = SQLFilter()
        conditions.add("root_disk_gib >= ?", filter.minDiskGiB)
        conditions.add("memory_mib >= ?", filter.minMemoryMiB)
        if let projectID {
            conditions.add("(is_public = 1 OR id IN (SELECT flavor_id FROM flavor_projects WHERE project_id = ?))", projectID)
        } else {
            conditions.add("is_public = ?", filter.isPublic)
        }
        conditions.add("id > ?", filter.marker)
        var sql = "SELECT * FROM flavors\(conditions.whereClause) ORDER BY id"
        if let limit = filter.limit { sql += " LIMIT \(max(0, limit))" }
        let (query, arguments) = (sql, conditions.arguments)
        return try await read { db in
            try Row.fetchAll(db, sql: query, arguments: arguments).map { try Self.flavor($0, db) }
        }
    }

    public func flavorProjects(flavorID: String) async throws -> [String] {
        try await read { db in
            try String.fetchAll(
                db, sql: "SELECT project_id FROM flavor_projects WHERE flavor_id = ? ORDER BY project_id",
                arguments: [flavorID])
        }
    }

    static func flavor(_ row: Row, _ db: Database) throws -> Flavor {
        let id: String = row["id"]
        let specs = try Row.fetchAll(db, sql: "SELECT key, value FROM flavor_extra_specs WHERE flavor_id = ?", arguments: [id])
        return Flavor(
            id: id, name: row["name"], vcpus: row["vcpus"], memoryMiB: row["memory_mib"],
            rootDiskGiB: row["root_disk_gib"], ephemeralGiB: row["ephemeral_gib"], swapMiB: row["swap_mib"],
            isPublic: row["is_public"],
            extraSpecs: Dictionary(uniqueKeysWithValues: specs.map { ($0["key"], $0["value"]) }),
            description: row.hasColumn("description") ? row["description"] : nil)
    }

    static func insert(_ flavor: Flavor, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO flavors (id, name, vcpus, memory_mib, root_disk_gib, ephemeral_gib, swap_mib, is_public)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                flavor.id, flavor.name, flavor.vcpus, flavor.memoryMiB, flavor.rootDiskGiB, flavor.ephemeralGiB,
                flavor.swapMiB, flavor.isPublic,
            ])
        for (key, value) in flavor.extraSpecs {
            try db.execute(
                sql: "INSERT INTO flavor_extra_specs (flavor_id, key, value) VALUES (?, ?, ?)",
                arguments: [flavor.id, key, value])
        }
        // A separate statement: the v4 migration seeds flavors through this
        // function before the description column exists (v11); seeds have none.
        if let description = flavor.description {
            try db.execute(sql: "UPDATE flavors SET description = ? WHERE id = ?", arguments: [description, flavor.id])
        }
    }

    /// 2.55: the only flavor field that changes after create.
    static func updateDescription(flavorID: String, _ description: String?, _ db: Database) throws {
        try db.executeChecked(
            "UPDATE flavors SET description = ? WHERE id = ?", [description, flavorID], what: "flavor \(flavorID)")
    }
}
