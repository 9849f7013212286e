import Foundation
import GRDB
import StratusCore

/// Counts for `stratus admin status`: one read, whatever the cloud's size.
public struct OperatorCounts: Sendable {
    public var projects = 0
    public var users = 0
    /// Images by status (deleted ones excluded).
    public var images: [String: Int] = [:]
    /// Live servers by vm_state.
    public var servers: [String: Int] = [:]
    /// Per host id: servers with a task its agent has not finished, and the oldest one's last change.
    public var pendingByHost: [String: (count: Int, oldest: Date)] = [:]
    /// Servers still waiting for a host.
    public var unplaced = 0
}

extension SQLiteStore {
    public func operatorCounts() async throws -> OperatorCounts {
        try await read { db in
            var counts = OperatorCounts()
            counts.projects = try Int.fetchOne(db, sql: "SELECT count(*) FROM projects") ?? 0
            counts.users = try Int.fetchOne(db, sql: "SELECT count(*) FROM users") ?? 0
            for row in try Row.fetchAll(db, sql: "SELECT status, count(*) AS n FROM images WHERE status != 'deleted' GROUP BY status") {
                counts.images[row["status"]] = row["n"]
            }
            for row in try Row.fetchAll(db, sql: "SELECT vm_state, count(*) AS n FROM instances WHERE vm_state != 'deleted' GROUP BY vm_state") {
                counts.servers[row["vm_state"]] = row["n"]
            }
            let pending = try Row.fetchAll(db, sql: """
                SELECT host_id, count(*) AS n, min(updated_at) AS oldest FROM instances
                WHERE vm_state != 'deleted' AND task_state IS NOT NULL AND host_id IS NOT NULL GROUP BY host_id
                """)
            for row in pending {
                counts.pendingByHost[row["host_id"]] = (row["n"], Date(timeIntervalSince1970: row["oldest"]))
            }
            counts.unplaced = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM instances WHERE vm_state != 'deleted' AND host_id IS NULL") ?? 0
            return counts
        }
    }
}
