import Foundation
import GRDB
import StratusCore

extension SQLiteStore {
    public func imageMember(imageID: String, memberID: String) async throws -> ImageMember? {
        try await read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM image_members WHERE image_id = ? AND member_id = ?", arguments: [imageID, memberID]
            ).map(Self.imageMember)
        }
    }

    public func imageMembers(imageID: String) async throws -> [ImageMember] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM image_members WHERE image_id = ? ORDER BY created_at, member_id", arguments: [imageID]
            ).map(Self.imageMember)
        }
    }

    static func imageMember(_ row: Row) -> ImageMember {
        ImageMember(
            imageID: row["image_id"], memberID: row["member_id"],
            status: ImageMemberStatus(rawValue: row["status"]) ?? .pending,
            createdAt: Date(timeIntervalSince1970: row["created_at"]), updatedAt: Date(timeIntervalSince1970: row["updated_at"]))
    }

    /// Counted inside the inserting transaction, so concurrent shares never pass the limit together.
    static func insert(_ member: ImageMember, limit: Int, _ db: Database) throws {
        let used = try Int.fetchOne(
            db, sql: "SELECT count(*) FROM image_members WHERE image_id = ?", arguments: [member.imageID]) ?? 0
        if limit >= 0, used + 1 > limit {
            throw StoreError.quotaExceeded(QuotaExceeded(resource: "image_members", requested: 1, used: used, limit: limit))
        }
        try db.execute(
            sql: "INSERT INTO image_members (image_id, member_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            arguments: [member.imageID, member.memberID, member.status.rawValue,
                        member.createdAt.timeIntervalSince1970, member.updatedAt.timeIntervalSince1970])
    }

    static func update(_ member: ImageMember, _ db: Database) throws {
        try db.executeChecked(
            "UPDATE image_members SET status = ?, updated_at = ? WHERE image_id = ? AND member_id = ?",
            [member.status.rawValue, member.updatedAt.timeIntervalSince1970, member.imageID, member.memberID],
            what: "member \(member.memberID) of image \(member.imageID)")
    }
}
