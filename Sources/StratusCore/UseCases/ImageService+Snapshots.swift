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
