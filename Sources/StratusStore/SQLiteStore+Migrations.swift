import Foundation
import GRDB
import StratusCore

extension SQLiteStore {
    public func migrations(_ filter: ServerMigrationFilter) async throws -> [ServerMigration] {
        try await read { db in
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let host = filter.host {
                conditions.append("(source_compute = ? OR dest_compute = ?)")
                arguments += [host, host]
            }
            if let status = filter.status { conditions.append("status = ?"); arguments.append(status) }
            if let instance = filter.instanceID { conditions.append("instance_id = ?"); arguments.append(instance) }
            if let kind = filter.kind { conditions.append("kind = ?"); arguments.append(kind.rawValue) }
            if let source = filter.sourceCompute { conditions.append("source_compute = ?"); arguments.append(source) }
            if let since = filter.changedSince {
                conditions.append("updated_at >= ?")
                arguments.append(since.timeIntervalSince1970)
            }
            if let before = filter.changedBefore {
                conditions.append("updated_at <= ?")
                arguments.append(before.timeIntervalSince1970)
            }
            if let user = filter.userID { conditions.append("user_id = ?"); arguments.append(user) }
            if let project = filter.projectID { conditions.append("project_id = ?"); arguments.append(project) }
            if let marker = filter.marker {
                conditions.append("id < (SELECT id FROM migrations WHERE uuid = ?)")
                arguments.append(marker)
            }
            var sql = "SELECT * FROM migrations"
            if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
            sql += " ORDER BY id DESC"
            if let limit = filter.limit { sql += " LIMIT \(max(0, limit))" }
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map(Self.migration)
        }
    }

    public func migration(uuid: String) async throws -> ServerMigration? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM migrations WHERE uuid = ?", arguments: [uuid]).map(Self.migration)
        }
    }

    static func insert(_ migration: ServerMigration, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO migrations (uuid, instance_id, project_id, user_id, kind, status, final, source_compute,
                    dest_compute, dest_host, old_flavor_id, new_flavor_id, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                migration.uuid, migration.instanceID, migration.projectID, migration.userID, migration.kind.rawValue,
                migration.status.rawValue, migration.status.isFinal, migration.sourceCompute,
                migration.destinationCompute, migration.destinationHost, migration.oldFlavorID, migration.newFlavorID,
                migration.createdAt.timeIntervalSince1970, migration.updatedAt.timeIntervalSince1970,
            ])
    }

    static func updateCurrentMigration(
        instanceID: String, status: ServerMigration.Status, destination: String?, at instant: Date, _ db: Database
    ) throws {
        try db.execute(
            sql: """
                UPDATE migrations SET status = ?, final = ?, dest_compute = coalesce(?, dest_compute), updated_at = ?
                WHERE id = (SELECT max(id) FROM migrations WHERE instance_id = ? AND final = 0)
                """,
            arguments: [status.rawValue, status.isFinal, destination, instant.timeIntervalSince1970, instanceID])
    }

    static func migration(_ row: Row) -> ServerMigration {
        ServerMigration(
            id: row["id"], uuid: row["uuid"], instanceID: row["instance_id"], projectID: row["project_id"],
            userID: row["user_id"], kind: ServerMigration.Kind(rawValue: row["kind"]) ?? .migration,
            status: ServerMigration.Status(rawValue: row["status"]) ?? .error, sourceCompute: row["source_compute"],
            destinationCompute: row["dest_compute"], destinationHost: row["dest_host"],
            oldFlavorID: row["old_flavor_id"], newFlavorID: row["new_flavor_id"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]),
            updatedAt: Date(timeIntervalSince1970: row["updated_at"]))
    }
}
