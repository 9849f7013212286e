import Foundation
import GRDB
import StratusCore

/// Block storage rows (`StoreSchema+Volumes`).
extension SQLiteStore: VolumeStore {
    public func volume(id: String) async throws -> Volume? {
        try await read { db in try Self.document(Volume.self, db, "SELECT document FROM volumes WHERE id = ?", [id]).first }
    }

    public func volumes(projectID: String?) async throws -> [Volume] {
        try await read { db in
            guard let projectID else {
                return try Self.document(Volume.self, db, "SELECT document FROM volumes ORDER BY created_at DESC, id DESC", [])
            }
            return try Self.document(
                Volume.self, db, "SELECT document FROM volumes WHERE project_id = ? ORDER BY created_at DESC, id DESC",
                [projectID])
        }
    }

    public func volumeAttachments(volumeIDs: [String]) async throws -> [String: VolumeAttachment] {
        let found = try await attachments(column: "volume_id", volumeIDs)
        return Dictionary(found.map { ($0.volumeID, $0) }) { first, _ in first }
    }

    public func volumeAttachments(instanceIDs: [String]) async throws -> [VolumeAttachment] {
        try await attachments(column: "instance_id", instanceIDs)
    }

    public func pendingVolumeAttachments(hostID: String) async throws -> [VolumeAttachment] {
        try await read { db in
            try Self.document(
                VolumeAttachment.self, db, """
                    SELECT a.document FROM volume_attachments a JOIN instances i ON i.id = a.instance_id
                    WHERE a.state != 'attached' AND i.host_id = ? AND i.vm_state != 'deleted'
                    ORDER BY a.created_at, a.id
                    """, [hostID])
        }
    }

    private func attachments(column: String, _ ids: [String]) async throws -> [VolumeAttachment] {
        guard !ids.isEmpty else { return [] }
        return try await read { db in
            var found: [VolumeAttachment] = []
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = Array(ids[start..<min(start + 500, ids.count)])
                let marks = chunk.map { _ in "?" }.joined(separator: ", ")
                found += try Self.document(
                    VolumeAttachment.self, db,
                    "SELECT document FROM volume_attachments WHERE \(column) IN (\(marks)) ORDER BY created_at, id",
                    StatementArguments(chunk))
            }
            return found
        }
    }

    // MARK: - Writes (from `commit`)

    static func applyVolume(_ change: StoreChange, _ db: Database) throws {
        switch change {
        case .insertVolume(let volume):
            try db.execute(
                sql: "INSERT INTO volumes (id, project_id, size_gib, document, revision, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [volume.id, volume.projectID, volume.sizeGiB, try encode(volume), volume.revision,
                            volume.createdAt.timeIntervalSince1970])
        case .updateVolume(let volume):
            try db.executeChecked(
                "UPDATE volumes SET document = ?, size_gib = ?, revision = ? WHERE id = ? AND revision = ?",
                [try encode(volume), volume.sizeGiB, volume.revision, volume.id, volume.revision - 1],
                what: "volume \(volume.id)")
        case .deleteVolume(let id):
            try db.executeChecked(
                "DELETE FROM volumes WHERE id = ? AND NOT EXISTS (SELECT 1 FROM volume_attachments WHERE volume_id = ?)",
                [id, id], what: "volume \(id)")
        case .insertVolumeAttachment(let attachment):
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM volumes WHERE id = ?)", arguments: [attachment.volumeID]) == true
            else { throw StoreError.versionConflict("volume \(attachment.volumeID)") }
            try db.execute(
                sql: """
                    INSERT INTO volume_attachments (id, volume_id, instance_id, state, document, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [attachment.id, attachment.volumeID, attachment.instanceID, attachment.state.rawValue,
                            try encode(attachment), attachment.createdAt.timeIntervalSince1970])
        case .updateVolumeAttachment(let attachment, let from):
            try db.executeChecked(
                "UPDATE volume_attachments SET state = ?, document = ? WHERE id = ? AND state = ?",
                [attachment.state.rawValue, try encode(attachment), attachment.id, from.rawValue],
                what: "volume attachment \(attachment.id)")
        case .deleteVolumeAttachment(let id, let state):
            if let state {
                try db.executeChecked(
                    "DELETE FROM volume_attachments WHERE id = ? AND state = ?", [id, state.rawValue],
                    what: "volume attachment \(id)")
            } else {
                try db.executeChecked("DELETE FROM volume_attachments WHERE id = ?", [id], what: "volume attachment \(id)")
            }
        default:
            return
        }
    }
}
