import Foundation
import GRDB
import StratusCore

extension SQLiteStore {
    public func token(secretHash: String) async throws -> TokenRecord? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM tokens WHERE secret_hash = ?", arguments: [secretHash]).map(Self.token)
        }
    }

    static func token(_ row: Row) -> TokenRecord {
        let scope: TokenScope
        if let projectID: String = row["project_id"] {
            scope = .project(projectID)
        } else if let domainID: String = row["domain_id"] {
            scope = .domain(domainID)
        } else if row["system_scope"] == true {
            scope = .system
        } else {
            scope = .unscoped
        }
        let methods: String = row["methods"]
        return TokenRecord(
            secretHash: row["secret_hash"], userID: row["user_id"], scope: scope,
            methods: methods.split(separator: ",").map(String.init), auditID: row["audit_id"],
            issuedAt: Date(timeIntervalSince1970: row["issued_at"]),
            expiresAt: Date(timeIntervalSince1970: row["expires_at"]))
    }

    static func insert(_ token: TokenRecord, _ db: Database) throws {
        var projectID: String?
        var domainID: String?
        var system = false
        switch token.scope {
        case .unscoped: break
        case .project(let id): projectID = id
        case .domain(let id): domainID = id
        case .system: system = true
        }
        try db.execute(
            sql: """
                INSERT INTO tokens (secret_hash, user_id, project_id, domain_id, system_scope,
                                    methods, audit_id, issued_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                token.secretHash, token.userID, projectID, domainID, system, token.methods.joined(separator: ","),
                token.auditID, token.issuedAt.timeIntervalSince1970, token.expiresAt.timeIntervalSince1970,
            ])
    }
}
