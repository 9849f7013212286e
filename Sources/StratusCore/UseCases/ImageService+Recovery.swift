import Foundation

/// What recovery found after an unclean stop.
public struct ImageRecovery: Sendable, Equatable {
    /// Images whose upload was cut off, back to `queued`.
    public var requeued: [String]
    /// Stored data no active or deactivated image claims, removed.
    public var discardedData: [String]
}

extension ImageService {
    /// Run once at start, before serving: nothing is uploading then, so an image
    /// still `saving` lost its upload to a crash. Its data (even if it was renamed
    /// into place before the crash) was never verified as part of an activation, so
    /// it is discarded and the image requeued; partial writes and data of deleted
    /// images go too. With a local data store this is one process's state; a
    /// shared backend will need a lease per upload before several controllers run.
    public func recoverInterruptedUploads() async throws -> ImageRecovery {
        try await data.discardPartialWrites()
        var requeued: [String] = []
        for image in try await store.images(status: .saving) {
            try await data.delete(imageID: image.id)
            try await requeue(image.id, actor: AuditActor(requestID: "recovery"))
            requeued.append(image.id)
        }
        var discarded: [String] = []
        for id in try await data.storedImageIDs() {
            let status = try await store.image(id: id)?.status
            if status != .active, status != .deactivated {
                try await data.delete(imageID: id)
                discarded.append(id)
            }
        }
        return ImageRecovery(requeued: requeued, discardedData: discarded.sorted())
    }
}
