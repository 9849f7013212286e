import Foundation

extension ImageService {
    /// Glance's PATCH: every operation applied in order to a copy, then the
    /// decisions the result needs (owner or administrator; the trust policy when the
    /// visibility widens; administrators only to give the image away), then one
    /// compare-and-set write. Nothing is written when nothing changed.
    public func updateImage(
        _ caller: Caller, id: String, operations: [ImagePatchOperation], dialect: ImagePatchDialect = .v21
    ) async throws -> Image {
        try await withVersionRetry {
            let (image, membership) = try await visibleImage(id, caller)
            try authorize(.modifyImage, caller, image: image)
            let access = access(caller)
            try access.update(image, membership: membership).enforce()
            var updated = image
            for operation in operations { try updated.apply(operation, dialect: dialect) }
            if updated.visibility != image.visibility {
                try access.changeVisibility(of: image, to: updated.visibility, membership: membership).enforce()
                try authorizeVisibility(updated.visibility, caller, image: image)
            }
            if updated.owner != image.owner, !caller.auth.isCloudAdmin {
                throw ImageError.forbidden("You are not permitted to modify 'owner' on this image.")
            }
            try checkLimits(updated)
            try await checkLifecycle(from: image, to: updated, caller)
            guard updated != image else { return image }
            updated.updatedAt = clock.now()
            try await commit([.updateImage(updated), audit(caller, .modifyImage, id)]) { detail in
                ImageError.conflict(detail)
            }
            updated.version += 1
            return updated
        }
    }
}
