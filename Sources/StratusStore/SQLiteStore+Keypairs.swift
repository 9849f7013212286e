import Foundation
import GRDB
import StratusCore

extension SQLiteStore {
    public func keypair(userID: String, name: String) async throws -> Keypair? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM keypairs WHERE user_id = ? AND name = ?", arguments: [userID, name])
                .map(Self.keypair)
        }
    }

    public func keypairs(userID: String) async throws -> [Keypair] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM keypairs WHERE user_id = ? ORDER BY name", arguments: [userID])
                .map(Self.keypair)
        }
    }

    static func keypair(_ row: Row) -> Keypair {
        Keypair(
            userID: row["user_id"], name: row["name"], publicKey: row["public_key"], fingerprint: row["fingerprint"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]), number: row["number"],
            type: KeypairType(rawValue: row["type"] ?? "ssh") ?? .ssh)
    }

    static func insert(_ keypair: Keypair, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO keypairs (user_id, name, public_key, fingerprint, created_at, type) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [keypair.userID, keypair.name, keypair.publicKey, keypair.fingerprint,
                        keypair.createdAt.timeIntervalSince1970, keypair.type.rawValue])
    }
}
