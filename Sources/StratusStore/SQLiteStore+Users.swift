import Foundation
import GRDB
import StratusCore

extension SQLiteStore {
    public func user(id: String) async throws -> User? {
        try await read { db in try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [id]).map(Self.user) }
    }

    public func user(named name: String, domainID: String) async throws -> User? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM users WHERE name = ? AND domain_id = ?", arguments: [name, domainID])
                .map(Self.user)
        }
    }

    public func users(_ filter: IdentityListFilter) async throws -> [User] {
        let sql = SQLFilter.identity(filter)
        let query = "SELECT * FROM users\(sql.whereClause) ORDER BY name"
        let arguments = sql.arguments
        return try await read { db in try Row.fetchAll(db, sql: query, arguments: arguments).map(Self.user) }
    }

    static func user(_ row: Row) -> User {
        var user = User(
            id: row["id"], name: row["name"], domainID: row["domain_id"], enabled: row["enabled"],
            passwordHash: row["password_hash"], defaultProjectID: row["default_project_id"],
            email: row["email"], description: row["description"], extra: decodeExtra(row["extra"]),
            version: row["version"])
        let lastFailure: Double? = row["last_failed_login_at"]
        user.failedLogins = FailedLogins(
            count: row["failed_login_count"], lastAt: lastFailure.map(Date.init(timeIntervalSince1970:)))
        return user
    }

    static func recordFailedLogin(_ userID: String, _ time: Date, _ windowStart: Date, _ db: Database) throws {
        try db.execute(
            sql: """
                UPDATE users SET failed_login_count = CASE
                        WHEN last_failed_login_at IS NULL OR last_failed_login_at < ? THEN 1
                        ELSE failed_login_count + 1 END,
                    last_failed_login_at = ?
                WHERE id = ?
                """,
            arguments: [windowStart.timeIntervalSince1970, time.timeIntervalSince1970, userID])
    }

    static func clearFailedLogins(_ userID: String, _ db: Database) throws {
        try db.execute(
            sql: "UPDATE users SET failed_login_count = 0, last_failed_login_at = NULL WHERE id = ?",
            arguments: [userID])
    }

    static func insert(_ user: User, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO users (id, name, domain_id, enabled, password_hash, default_project_id, email, description,
                                   extra, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                """,
            arguments: [
                user.id, user.name, user.domainID, user.enabled, user.passwordHash,
                user.defaultProjectID, user.email, user.description, try encodeExtra(user.extra),
            ])
    }

    static func update(_ user: User, _ db: Database) throws {
        try db.executeChecked(
            """
            UPDATE users SET name = ?, enabled = ?, password_hash = ?, default_project_id = ?, email = ?,
                description = ?, extra = ?, version = version + 1
            WHERE id = ? AND version = ?
            """,
            [
                user.name, user.enabled, user.passwordHash, user.defaultProjectID, user.email,
                user.description, try encodeExtra(user.extra), user.id, user.version,
            ],
            what: "user \(user.id)")
    }

    /// Extra attributes live in one JSON column: a map of name to JSON text.
    static func encodeExtra(_ extra: [String: String]) throws -> String {
        String(decoding: try JSONEncoder().encode(extra), as: UTF8.self)
    }

    static func decodeExtra(_ text: String?) -> [String: String] {
        guard let text, let data = text.data(using: .utf8) else { return [:] }
        return (try? JSONDecoder().decode([String: String].self, from: data)) ?? [:]
    }
}
