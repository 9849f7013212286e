import Foundation
import GRDB
import StratusCore

extension SQLiteStore {
    public func group(id: String) async throws -> Group? {
        try await read { db in try Row.fetchOne(db, sql: "SELECT * FROM groups WHERE id = ?", arguments: [id]).map(Self.group) }
    }

    public func groups(_ filter: IdentityListFilter) async throws -> [Group] {
        var sql = SQLFilter()
        sql.add("name = ?", filter.name)
        sql.add("domain_id = ?", filter.domainID)
        let query = "SELECT * FROM groups\(sql.whereClause) ORDER BY name"
        let arguments = sql.arguments
        return try await read { db in try Row.fetchAll(db, sql: query, arguments: arguments).map(Self.group) }
    }

    public func groups(ofUser userID: String) async throws -> [Group] {
        try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT groups.* FROM groups JOIN group_members ON group_members.group_id = groups.id
                WHERE group_members.user_id = ? ORDER BY groups.name
                """, arguments: [userID]).map(Self.group)
        }
    }

    public func members(ofGroup groupID: String) async throws -> [User] {
        try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT users.* FROM users JOIN group_members ON group_members.user_id = users.id
                WHERE group_members.group_id = ? ORDER BY users.name
                """, arguments: [groupID]).map(Self.user)
        }
    }

    static func group(_ row: Row) -> Group {
        Group(id: row["id"], name: row["name"], domainID: row["domain_id"], description: row["description"],
              version: row["version"])
    }

    static func insert(_ group: Group, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO groups (id, name, domain_id, description, version) VALUES (?, ?, ?, ?, 1)",
            arguments: [group.id, group.name, group.domainID, group.description])
    }

    static func update(_ group: Group, _ db: Database) throws {
        try db.executeChecked(
            "UPDATE groups SET name = ?, description = ?, version = version + 1 WHERE id = ? AND version = ?",
            [group.name, group.description, group.id, group.version], what: "group \(group.id)")
    }

    static func insert(_ membership: GroupMembership, _ db: Database) throws {
        try db.execute(
            sql: "INSERT OR IGNORE INTO group_members (group_id, user_id) VALUES (?, ?)",
            arguments: [membership.groupID, membership.userID])
    }

    static func delete(_ membership: GroupMembership, _ db: Database) throws {
        try db.execute(
            sql: "DELETE FROM group_members WHERE group_id = ? AND user_id = ?",
            arguments: [membership.groupID, membership.userID])
    }
}
