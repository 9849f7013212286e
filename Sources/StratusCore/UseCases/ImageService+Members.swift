import Foundation

extension ImageService {
    /// Shares a shared image with a project, as `pending`: only that project can
    /// accept it, so nothing is pushed into another project's list.
    public func addImageMember(_ caller: Caller, imageID: String, memberID: String) async throws -> ImageMember {
        let (image, membership) = try await visibleImage(imageID, caller)
        try authorize(.addMember, caller, image: image)
        try access(caller).addMember(to: image, membership: membership).enforce()
        guard !memberID.isEmpty, memberID.count <= 255 else {
            throw ImageError.badRequest("Provided object does not match schema 'member': '\(memberID)' is not a valid member")
        }
        let now = clock.now()
        let member = ImageMember(imageID: imageID, memberID: memberID, status: .pending, createdAt: now, updatedAt: now)
        try await commit([
            .insertImageMember(member, limit: settings.maxMembers), audit(caller, .addMember, imageID, type: "image_member"),
        ]) { _ in ImageError.conflict("Member \(memberID) already exists for image \(imageID).") }
        return member
    }

    /// The owner and administrators see every member; a member sees only itself.
    public func listImageMembers(_ caller: Caller, imageID: String) async throws -> [ImageMember] {
        let (image, membership) = try await sharedImage(imageID, caller, action: .getMembers)
        if caller.auth.isCloudAdmin || ImageViewer(caller.auth).owns(image) {
            return try await store.imageMembers(imageID: imageID)
        }
        return membership.map { [$0] } ?? []
    }

    public func showImageMember(_ caller: Caller, imageID: String, memberID: String) async throws -> ImageMember {
        let (image, membership) = try await sharedImage(imageID, caller, action: .getMember)
        let notFound = ImageError.notFound("Member \(memberID) not found for image \(imageID).")
        if caller.auth.isCloudAdmin || ImageViewer(caller.auth).owns(image) {
            guard let member = try await store.imageMember(imageID: imageID, memberID: memberID) else { throw notFound }
            return member
        }
        guard let membership, membership.memberID == memberID else { throw notFound }
        return membership
    }

    /// Accept, reject or return to pending: the member project itself (or an
    /// administrator). A rejected member, who no longer sees the image, keeps this
    /// right so it can change its mind.
    public func updateImageMember(
        _ caller: Caller, imageID: String, memberID: String, status: ImageMemberStatus
    ) async throws -> ImageMember {
        guard let image = try await store.image(id: imageID) else { throw ImageError.imageNotFound(imageID) }
        let membership = try await membership(of: caller, on: image)
        try access(caller).updateMemberStatus(of: image, membership: membership).enforce()
        try authorize(.modifyMember, caller, image: image)
        if !caller.auth.isCloudAdmin, memberID != caller.auth.project?.id {
            throw ImageError.policyDenied("modify_member")
        }
        guard var member = try await store.imageMember(imageID: imageID, memberID: memberID) else {
            throw ImageError.notFound("Member \(memberID) not found for image \(imageID).")
        }
        member.status = status
        member.updatedAt = clock.now()
        do {
            try await store.commit([.updateImageMember(member), audit(caller, .modifyMember, imageID, type: "image_member")])
        } catch StoreError.versionConflict {
            throw ImageError.notFound("Member \(memberID) not found for image \(imageID).")
        }
        return member
    }

    /// Stops sharing with a project: the owner or an administrator.
    public func deleteImageMember(_ caller: Caller, imageID: String, memberID: String) async throws {
        let (image, membership) = try await sharedImage(imageID, caller, action: .deleteMember)
        try access(caller).removeMember(from: image, membership: membership).enforce()
        guard try await store.imageMember(imageID: imageID, memberID: memberID) != nil else {
            throw ImageError.notFound("Member \(memberID) not found for image \(imageID).")
        }
        try await store.commit([
            .deleteImageMember(imageID: imageID, memberID: memberID), audit(caller, .deleteMember, imageID, type: "image_member"),
        ])
    }

    /// A visible image that has members at all: only shared images do.
    private func sharedImage(
        _ imageID: String, _ caller: Caller, action: ImagePolicy.Action
    ) async throws -> (Image, ImageMember?) {
        let (image, membership) = try await visibleImage(imageID, caller)
        try authorize(action, caller, image: image)
        guard image.visibility == .shared else { throw ImageError.forbidden("Only shared images have members.") }
        return (image, membership)
    }
}
