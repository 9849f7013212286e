import Foundation
import GRDB
import StratusCore

extension SQLiteStore {
    public func role(id: String) async throws -> Role? {
        try await read { db in try Row.fetchOne(db, sql: "SELECT * FROM roles WHERE id = ?", arguments: [id]).map(Self.role) }
    }

    /// A global role (no domain) of that name.
    public func role(named name: String) async throws -> Role? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM roles WHERE name = ? AND domain_id IS NULL", arguments: [name])
                .map(Self.role)
        }
    }

    public func roles(_ filter: IdentityListFilter) async throws -> [Role] {
        var sql = SQLFilter()
        sql.add("name = ?", filter.name)
        // Without a domain filter Keystone lists the global roles only.
        if let domainID = filter.domainID { sql.add("domain_id = ?", domainID) } else { sql.add("domain_id IS NULL") }
        let query = "SELECT * FROM roles\(sql.whereClause) ORDER BY name"
        let arguments = sql.arguments
        return try await read { db in try Row.fetchAll(db, sql: query, arguments: arguments).map(Self.role) }
    }

    public func roleImplications() async throws -> [RoleImplication] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM role_implications ORDER BY prior_role_id, implied_role_id").map {
                RoleImplication(priorRoleID: $0["prior_role_id"], impliedRoleID: $0["implied_role_id"])
            }
        }
    }

    static func role(_ row: Row) -> Role {
        Role(id: row["id"], name: row["name"], domainID: row["domain_id"], description: row["description"], version: row["version"])
    }

    static func insert(_ role: Role, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO roles (id, name, domain_id, description, version) VALUES (?, ?, ?, ?, 1)",
            arguments: [role.id, role.name, role.domainID, role.description])
    }

    static func update(_ role: Role, _ db: Database) throws {
        try db.executeChecked(
            "UPDATE roles SET name = ?, description = ?, version = version + 1 WHERE id = ? AND version = ?",
            [role.name, role.description, role.id, role.version], what: "role \(role.id)")
    }

    static func insert(_ rule: RoleImplication, _ db: Database) throws {
        try db.execute(
            sql: "INSERT OR IGNORE INTO role_implications (prior_role_id, implied_role_id) VALUES (?, ?)",
            arguments: [rule.priorRoleID, rule.impliedRoleID])
    }

    static func delete(_ rule: RoleImplication, _ db: Database) throws {
        try db.execute(
            sql: "DELETE FROM role_implications WHERE prior_role_id = ? AND implied_role_id = ?",
            arguments: [rule.priorRoleID, rule.impliedRoleID])
    }
}
