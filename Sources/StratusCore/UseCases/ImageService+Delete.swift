import Foundation

extension ImageService {
    /// Marks the image deleted (its row stays, so the id is never reused), then
    /// removes its data. A crash between the two leaves data no active image
    /// claims, which `recoverInterruptedUploads` removes at the next start.
    public func deleteImage(_ caller: Caller, id: String) async throws {
        try await withVersionRetry {
            let (image, membership) = try await visibleImage(id, caller)
            try authorize(.deleteImage, caller, image: image)
            try access(caller).delete(image, membership: membership).enforce()
            var deleted = image
            try deleted.moveStatus(to: .deleted)
            deleted.updatedAt = clock.now()
            try await commit([.updateImage(deleted), audit(caller, .deleteImage, id)]) { detail in
                ImageError.conflict(detail)
            }
        }
        try await data.delete(imageID: id)
    }
}
