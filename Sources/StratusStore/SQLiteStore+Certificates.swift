import Foundation
import GRDB
import StratusCore

extension SQLiteStore: CertificateStore {
    public func certificate(id: String) async throws -> StoredCertificate? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM signing_certificates WHERE id = ?", arguments: [id])
                .map(Self.certificate)
        }
    }

    public func certificates(
        name: String?, readableBy: CertificateReaders?, offset: Int, limit: Int
    ) async throws -> (page: [StoredCertificate], total: Int) {
        try await read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let name {
                conditions.append("name = ?")
                arguments += [name]
            }
            if let readableBy {
                let shared = Array(readableBy.sharedIDs)
                let placeholders = shared.isEmpty ? "" : " OR id IN (\(databaseQuestionMarks(count: shared.count)))"
                conditions.append("(project_id = ?\(placeholders))")
                arguments += [readableBy.projectID ?? ""]
                arguments += StatementArguments(shared)
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM signing_certificates \(filter)", arguments: arguments) ?? 0
            let page = try Row.fetchAll(
                db, sql: "SELECT * FROM signing_certificates \(filter) ORDER BY created_at, id LIMIT ? OFFSET ?",
                arguments: arguments + [limit, offset]
            ).map(Self.certificate)
            return (page, total)
        }
    }

    static func certificate(_ row: Row) -> StoredCertificate {
        StoredCertificate(
            id: row["id"], name: row["name"], payload: [UInt8](row["payload"] as Data),
            payloadContentType: row["payload_content_type"], subject: row["subject"],
            notValidBefore: Date(timeIntervalSince1970: row["not_valid_before"]),
            notValidAfter: Date(timeIntervalSince1970: row["not_valid_after"]),
            fingerprintSHA256: row["fingerprint_sha256"], creatorUserID: row["creator_user_id"],
            projectID: row["project_id"], createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }

    static func insert(_ certificate: StoredCertificate, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO signing_certificates (id, name, payload, payload_content_type, subject, not_valid_before,
                    not_valid_after, fingerprint_sha256, creator_user_id, project_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                certificate.id, certificate.name, Data(certificate.payload), certificate.payloadContentType,
                certificate.subject, certificate.notValidBefore.timeIntervalSince1970,
                certificate.notValidAfter.timeIntervalSince1970, certificate.fingerprintSHA256,
                certificate.creatorUserID, certificate.projectID, certificate.createdAt.timeIntervalSince1970,
            ])
    }
}
