import Foundation
import GRDB
import StratusCore

extension SQLiteStore {
    public func serverGroup(id: String) async throws -> ServerGroup? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM server_groups WHERE id = ?", arguments: [id])
                .map { try Self.serverGroup($0, db) }
        }
    }

    public func serverGroups(projectID: String?) async throws -> [ServerGroup] {
        try await read { db in
            let rows = if let projectID {
                try Row.fetchAll(db, sql: "SELECT * FROM server_groups WHERE project_id = ? ORDER BY created_at, id",
                                 arguments: [projectID])
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM server_groups ORDER BY created_at, id")
            }
            return try rows.map { try Self.serverGroup($0, db) }
        }
    }

    public func serverGroup(memberID: String) async throws -> ServerGroup? {
        try await read { db in
            try Row.fetchOne(db, sql: """
                SELECT server_groups.* FROM server_groups
                JOIN server_group_members ON server_group_members.group_id = server_groups.id
                WHERE server_group_members.instance_id = ?
                """, arguments: [memberID]).map { try Self.serverGroup($0, db) }
        }
    }

    public func serverGroupMemberHosts(groupID: String) async throws -> [String] {
        try await read { db in try Self.memberHosts(groupID: groupID, excluding: "", db) }
    }

    static func memberHosts(groupID: String, excluding instanceID: String, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT instances.host_id FROM server_group_members
            JOIN instances ON instances.id = server_group_members.instance_id
            WHERE server_group_members.group_id = ? AND instances.id != ?
              AND instances.vm_state != 'deleted' AND instances.host_id IS NOT NULL
            """, arguments: [groupID, instanceID])
    }

    static func serverGroup(_ row: Row, _ db: Database) throws -> ServerGroup {
        let members = try String.fetchAll(db, sql: """
            SELECT server_group_members.instance_id FROM server_group_members
            JOIN instances ON instances.id = server_group_members.instance_id
            WHERE server_group_members.group_id = ? AND instances.vm_state != 'deleted'
            ORDER BY instances.created_at, instances.id
            """, arguments: [row["id"] as String])
        return ServerGroup(
            id: row["id"], name: row["name"], projectID: row["project_id"], userID: row["user_id"],
            policy: ServerGroupPolicy(rawValue: row["policy"]) ?? .antiAffinity,
            maxServerPerHost: row["max_server_per_host"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
            members: members)
    }

    static func insert(_ group: ServerGroup, quotaLimit: Int, _ db: Database) throws {
        let used = try Int.fetchOne(
            db, sql: "SELECT count(*) FROM server_groups WHERE project_id = ?", arguments: [group.projectID]) ?? 0
        if quotaLimit >= 0, used + 1 > quotaLimit {
            throw StoreError.quotaExceeded(QuotaExceeded(resource: "server_groups", requested: 1, used: used, limit: quotaLimit))
        }
        try db.execute(
            sql: """
                INSERT INTO server_groups (id, name, project_id, user_id, policy, max_server_per_host, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [group.id, group.name, group.projectID, group.userID, group.policy.rawValue,
                        group.maxServerPerHost, group.createdAt.timeIntervalSince1970])
    }

    static func addMember(groupID: String, instanceID: String, quotaLimit: Int, _ db: Database) throws {
        let used = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM server_group_members JOIN instances ON instances.id = server_group_members.instance_id
            WHERE server_group_members.group_id = ? AND instances.vm_state != 'deleted'
            """, arguments: [groupID]) ?? 0
        if quotaLimit >= 0, used + 1 > quotaLimit {
            throw StoreError.quotaExceeded(QuotaExceeded(
                resource: "server_group_members", requested: 1, used: used, limit: quotaLimit))
        }
        try db.execute(
            sql: "INSERT INTO server_group_members (group_id, instance_id) VALUES (?, ?)", arguments: [groupID, instanceID])
    }

    static func require(_ check: GroupPlacementCheck, _ db: Database) throws {
        let others = try memberHosts(groupID: check.groupID, excluding: check.instanceID, db)
        guard check.admits(otherMemberHosts: others) else {
            throw StoreError.insufficientCapacity("host \(check.hostID) breaks the \(check.policy.rawValue) rule of group \(check.groupID)")
        }
    }
}
