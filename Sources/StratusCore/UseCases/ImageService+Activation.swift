import Foundation

extension ImageService {
    /// Takes an active image out of service: its data is withheld from everyone but
    /// administrators, and compute refuses to boot it. Deactivating twice is a no-op.
    public func deactivateImage(_ caller: Caller, id: String) async throws {
        try await changeActivation(caller, id: id, action: .deactivate, from: .active, to: .deactivated, verb: "deactivate")
    }

    /// Puts a deactivated image back in service; reactivating an active one is a no-op.
    public func reactivateImage(_ caller: Caller, id: String) async throws {
        try await changeActivation(caller, id: id, action: .reactivate, from: .deactivated, to: .active, verb: "reactivate")
    }

    private func changeActivation(
        _ caller: Caller, id: String, action: ImagePolicy.Action, from: ImageStatus, to target: ImageStatus, verb: String
    ) async throws {
        try await withVersionRetry {
            let (image, membership) = try await visibleImage(id, caller)
            try authorize(action, caller, image: image)
            try access(caller).update(image, membership: membership).enforce()
            guard image.status != target else { return }
            guard image.status == from else {
                throw ImageError.forbidden("Not allowed to \(verb) image in status '\(image.status.rawValue)'")
            }
            var changed = image
            try changed.moveStatus(to: target)
            changed.updatedAt = clock.now()
            try await commit([.updateImage(changed), audit(caller, action, id)]) { detail in ImageError.conflict(detail) }
        }
    }
}
