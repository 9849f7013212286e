import Foundation

extension ImageService {
    /// `PUT /v2/images/{id}/tags/{tag}`: idempotent.
    public func addImageTag(_ caller: Caller, id: String, tag: String) async throws {
        try await changeTags(caller, id: id) { image throws(ImageError) in
            guard tag.count <= ImageProperties.maxTagLength else {
                throw Image.schemaError("'\(tag)' is too long")
            }
            image.tags.insert(tag)
        }
    }

    /// `DELETE /v2/images/{id}/tags/{tag}`: 404 when the image does not have it.
    public func deleteImageTag(_ caller: Caller, id: String, tag: String) async throws {
        try await changeTags(caller, id: id) { image throws(ImageError) in
            guard image.tags.remove(tag) != nil else { throw .notFound("Tag \(tag) not found.") }
        }
    }

    private func changeTags(
        _ caller: Caller, id: String, _ change: (inout Image) throws(ImageError) -> Void
    ) async throws {
        try await withVersionRetry {
            let (image, membership) = try await visibleImage(id, caller)
            try authorize(.modifyImage, caller, image: image)
            try access(caller).update(image, membership: membership).enforce()
            var updated = image
            try change(&updated)
            try checkLimits(updated)
            guard updated != image else { return }
            updated.updatedAt = clock.now()
            try await commit([.updateImage(updated), audit(caller, .modifyImage, id)]) { detail in ImageError.conflict(detail) }
        }
    }
}
