import Foundation
import GRDB
import StratusCore

extension SQLiteStore {
    public func domain(id: String) async throws -> Domain? {
        try await read { db in try Row.fetchOne(db, sql: "SELECT * FROM domains WHERE id = ?", arguments: [id]).map(Self.domain) }
    }

    public func domain(named name: String) async throws -> Domain? {
        try await read { db in try Row.fetchOne(db, sql: "SELECT * FROM domains WHERE name = ?", arguments: [name]).map(Self.domain) }
    }

    public func domains(_ filter: IdentityListFilter) async throws -> [Domain] {
        var sql = SQLFilter()
        sql.add("name = ?", filter.name)
        sql.add("enabled = ?", filter.enabled)
        let query = "SELECT * FROM domains\(sql.whereClause) ORDER BY name"
        let arguments = sql.arguments
        return try await read { db in try Row.fetchAll(db, sql: query, arguments: arguments).map(Self.domain) }
    }

    static func domain(_ row: Row) -> Domain {
        Domain(id: row["id"], name: row["name"], description: row["description"], enabled: row["enabled"], version: row["version"])
    }

    static func insert(_ domain: Domain, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO domains (id, name, description, enabled, version) VALUES (?, ?, ?, ?, 1)",
            arguments: [domain.id, domain.name, domain.description, domain.enabled])
    }

    static func update(_ domain: Domain, _ db: Database) throws {
        try db.executeChecked(
            "UPDATE domains SET name = ?, description = ?, enabled = ?, version = version + 1 WHERE id = ? AND version = ?",
            [domain.name, domain.description, domain.enabled, domain.id, domain.version], what: "domain \(domain.id)")
    }
}
