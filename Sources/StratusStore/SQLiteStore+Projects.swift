import Foundation
import GRDB
import StratusCore

extension SQLiteStore {
    public func project(id: String) async throws -> Project? {
        try await read { db in try Row.fetchOne(db, sql: "SELECT * FROM projects WHERE id = ?", arguments: [id]).map(Self.project) }
    }

    public func project(named name: String, domainID: String) async throws -> Project? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM projects WHERE name = ? AND domain_id = ?", arguments: [name, domainID])
                .map(Self.project)
        }
    }

    public func projects(_ filter: IdentityListFilter) async throws -> [Project] {
        let sql = SQLFilter.identity(filter)
        let query = "SELECT * FROM projects\(sql.whereClause) ORDER BY name"
        let arguments = sql.arguments
        return try await read { db in try Row.fetchAll(db, sql: query, arguments: arguments).map(Self.project) }
    }

    static func project(_ row: Row) -> Project {
        let tagsJSON: String = row["tags"]
        let tags = (try? JSONDecoder().decode([String].self, from: Data(tagsJSON.utf8))) ?? []
        return Project(
            id: row["id"], name: row["name"], domainID: row["domain_id"], description: row["description"],
            enabled: row["enabled"], tags: tags, version: row["version"])
    }

    static func tagsJSON(_ tags: [String]) -> String {
        // Encoding an array of strings cannot fail.
        (try? JSONEncoder().encode(tags)).flatMap { String(data: $0, encoding: .utf8) } ?? "[]"
    }

    static func insert(_ project: Project, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO projects (id, name, domain_id, description, enabled, tags, version)
                VALUES (?, ?, ?, ?, ?, ?, 1)
                """,
            arguments: [project.id, project.name, project.domainID, project.description, project.enabled, tagsJSON(project.tags)])
    }

    static func update(_ project: Project, _ db: Database) throws {
        try db.executeChecked(
            """
            UPDATE projects SET name = ?, description = ?, enabled = ?, tags = ?, version = version + 1
            WHERE id = ? AND version = ?
            """,
            [project.name, project.description, project.enabled, tagsJSON(project.tags), project.id, project.version],
            what: "project \(project.id)")
    }
}
