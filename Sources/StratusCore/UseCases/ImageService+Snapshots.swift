import Foundation

/// Compute's snapshots arrive here: created as the requesting user, under the same
/// rules as `POST /v2/images`; filled by the host's data as an upload would be.
extension ImageService: SnapshotImageSink {
    public func createSnapshotImage(_ caller: Caller, _ draft: ImageDraft) async throws -> Image {
        try await createImage(caller, draft)
    }

    public func receiveSnapshotData(imageID: String, requestID: String, chunks: ImageDataChunks) async throws {
        let actor = AuditActor(requestID: requestID)
        let saving: Image? = try await withVersionRetry {
            guard let image = try await store.image(id: imageID) else {
                throw ImageError.conflict("Image \(imageID) is no longer waiting for its snapshot data.")
            }
            switch image.status {
            case .queued: return try await markSaving(image, audit(actor, "image:snapshot_upload", imageID))
            // A pass repeated after a crash between the upload and its report: done.
            case .active: return nil
            default: throw ImageError.conflict("Image \(imageID) is no longer waiting for its snapshot data.")
            }
        }
        guard let saving else { return }
        try await receive(saving, chunks: chunks, actor: actor)
    }

    public func discardSnapshotImage(imageID: String, requestID: String) async throws {
        try await withVersionRetry {
            guard var image = try await store.image(id: imageID), !image.status.isGone, image.status != .active
            else { return }
            try image.moveStatus(to: .deleted)
            image.updatedAt = clock.now()
            try await store.commit([.updateImage(image), audit(AuditActor(requestID: requestID), "image:snapshot_discard", imageID)])
        }
        try await data.delete(imageID: imageID)
    }
}

extension ImageService {
    /// Nova's `_rotate_backups`: the server's active backups of one type, newest
    /// first; those beyond `keep` are deleted, each with its audit record. The
    /// owner asked for this rotation when it asked for the backup.
    public func rotateBackups(
        instanceID: String, projectID: String, backupType: String, keep: Int, requestID: String
    ) async throws {
        let query = ImageListQuery(
            status: .active, owner: projectID,
            properties: ["image_type": "backup", "backup_type": backupType, "instance_uuid": instanceID],
            sort: ImageSort.complete([ImageSort(.createdAt, .desc)]))
        let backups = try await store.images(query, viewer: ImageViewer(projectID: projectID), after: nil)
        let actor = AuditActor(requestID: requestID)
        for old in backups.dropFirst(max(0, keep)) {
            try await withVersionRetry {
                guard var image = try await store.image(id: old.id), image.status == .active else { return }
                try image.moveStatus(to: .deleted)
                image.updatedAt = clock.now()
                try await store.commit([.updateImage(image), audit(actor, "image:backup_rotation", image.id)])
            }
            try await data.delete(imageID: old.id)
        }
    }
}
