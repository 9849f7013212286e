import Foundation
import GRDB
import StratusCore

extension SQLiteStore {
    /// The newest records first.
    public func auditRecords(limit: Int) async throws -> [AuditRecord] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_records ORDER BY time DESC, rowid DESC LIMIT ?", arguments: [limit])
                .map { row in
                    AuditRecord(
                        id: row["id"], time: Date(timeIntervalSince1970: row["time"]), requestID: row["request_id"],
                        actorUserID: row["actor_user_id"], actorProjectID: row["actor_project_id"],
                        action: row["action"], targetType: row["target_type"], targetID: row["target_id"])
                }
        }
    }

    static func insert(_ record: AuditRecord, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO audit_records (id, time, request_id, actor_user_id, actor_project_id, action, target_type, target_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                record.id, record.time.timeIntervalSince1970, record.requestID, record.actorUserID,
                record.actorProjectID, record.action, record.targetType, record.targetID,
            ])
    }
}
