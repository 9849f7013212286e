import Foundation
import GRDB
import StratusCore

extension SQLiteStore: HostEnrollmentStore {
    public func joinToken(id: String) async throws -> JoinToken? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM join_tokens WHERE id = ?", arguments: [id]).map(Self.joinToken)
        }
    }

    public func joinTokens() async throws -> [JoinToken] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM join_tokens ORDER BY created_at, id").map(Self.joinToken)
        }
    }

    public func hostCredential(serial: String) async throws -> HostCredential? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM host_credentials WHERE serial = ?", arguments: [serial])
                .map(Self.hostCredential)
        }
    }

    public func hostCredentials(hostName: String) async throws -> [HostCredential] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM host_credentials WHERE host_name = ? ORDER BY issued_at, serial",
                arguments: [hostName]
            ).map(Self.hostCredential)
        }
    }

    static func applyHostEnrollment(_ change: StoreChange, _ db: Database) throws {
        switch change {
        case .insertJoinToken(let token):
            try db.execute(
                sql: """
                    INSERT INTO join_tokens (id, secret_hash, created_at, expires_at, used_at, used_by_host_name, description)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    token.id, token.secretHash, token.createdAt.timeIntervalSince1970,
                    token.expiresAt.timeIntervalSince1970, token.usedAt?.timeIntervalSince1970, token.usedByHostName,
                    token.description,
                ])
        case .deleteJoinToken(let id):
            try db.executeChecked("DELETE FROM join_tokens WHERE id = ?", [id], what: "join token \(id)")
        case .consumeJoinToken(let id, let hostName, let instant):
            try db.executeChecked(
                """
                UPDATE join_tokens SET used_at = ?, used_by_host_name = ?
                WHERE id = ? AND used_at IS NULL AND expires_at > ?
                """,
                [instant.timeIntervalSince1970, hostName, id, instant.timeIntervalSince1970], what: "join token \(id)")
        case .insertHostCredential(let credential):
            try db.execute(
                sql: """
                    INSERT INTO host_credentials (serial, host_name, issued_at, expires_at, revoked_at, join_token_id)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    credential.serial, credential.hostName, credential.issuedAt.timeIntervalSince1970,
                    credential.expiresAt.timeIntervalSince1970, credential.revokedAt?.timeIntervalSince1970,
                    credential.joinTokenID,
                ])
        case .revokeHostCredentials(let hostName, let instant):
            try db.execute(
                sql: "UPDATE host_credentials SET revoked_at = ? WHERE host_name = ? AND revoked_at IS NULL",
                arguments: [instant.timeIntervalSince1970, hostName])
        default:
            return
        }
    }

    static func joinToken(_ row: Row) -> JoinToken {
        JoinToken(
            id: row["id"], secretHash: row["secret_hash"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
            expiresAt: Date(timeIntervalSince1970: row["expires_at"]),
            usedAt: (row["used_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
            usedByHostName: row["used_by_host_name"], description: row["description"])
    }

    static func hostCredential(_ row: Row) -> HostCredential {
        HostCredential(
            hostName: row["host_name"], serial: row["serial"], issuedAt: Date(timeIntervalSince1970: row["issued_at"]),
            expiresAt: Date(timeIntervalSince1970: row["expires_at"]),
            revokedAt: (row["revoked_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
            joinTokenID: row["join_token_id"])
    }
}
