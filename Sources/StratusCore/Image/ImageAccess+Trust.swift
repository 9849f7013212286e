import Foundation

/// The decisions that bring an image in or hand it to other projects: where the
/// operator's `ImageTrustPolicy` applies on top of ownership.
extension ImageAccess {
    /// Create an image (the record; uploading its data is `update` on it). Besides the
    /// trust policy, a non-administrator creates only for its own project, and may ask
    /// for a visibility at creation only if it could switch to it afterwards.
    public func create(owner: String?, visibility: ImageVisibility?) -> ImageDecision {
        guard policy.create.permits(viewer) else { return .denied(.policyDenied("add_image")) }
        if let owner, !viewer.isAdmin, owner != viewer.projectID {
            return .denied(.forbidden("You are not permitted to create images owned by '\(owner)'."))
        }
        if let visibility, let privilege = policy.privilege(toMake: visibility), !privilege.permits(viewer) {
            return .denied(.policyDenied(Self.rule(toMake: visibility)))
        }
        return .allowed
    }

    /// Switch `image` to `visibility`. Narrowing to private needs only ownership;
    /// widening needs the policy's `publicize` (public, community) or `share`
    /// (shared). Asking for the visibility the image already has changes nothing and
    /// is allowed, so an image published before the policy tightened can still be
    /// edited by its owner.
    public func changeVisibility(
        of image: Image, to visibility: ImageVisibility, membership record: ImageMember?
    ) -> ImageDecision {
        let updatable = update(image, membership: record)
        guard updatable == .allowed else { return updatable }
        guard visibility != image.visibility,
              let privilege = policy.privilege(toMake: visibility), !privilege.permits(viewer)
        else { return .allowed }
        return .denied(.policyDenied(Self.rule(toMake: visibility)))
    }

    /// Share `image` with another project. Only shared images have members (Glance's
    /// rule: a private image with members would be shared in all but name).
    public func addMember(to image: Image, membership record: ImageMember?) -> ImageDecision {
        let seen = see(image, membership: record)
        guard seen == .allowed else { return seen }
        guard image.visibility == .shared else { return .denied(.forbidden("Only shared images have members.")) }
        let updatable = update(image, membership: record)
        guard updatable == .allowed else { return updatable }
        return policy.share.permits(viewer) ? .allowed : .denied(.policyDenied("add_member"))
    }

    /// Stop sharing with a project: the owner or an administrator, whatever the trust
    /// policy says, since it only narrows who can reach the image.
    public func removeMember(from image: Image, membership record: ImageMember?) -> ImageDecision {
        update(image, membership: record)
    }

    /// Accept, reject or return to pending: only the consumer project itself (or an
    /// administrator). The owner proposes but never accepts on the consumer's behalf.
    /// A rejected member keeps this right so it can change its mind.
    public func updateMemberStatus(of image: Image, membership record: ImageMember?) -> ImageDecision {
        guard !image.status.isGone else { return .denied(.imageNotFound(image.id)) }
        if viewer.isAdmin || viewer.membership(record, on: image) != nil { return .allowed }
        let seen = see(image, membership: record)
        guard seen == .allowed else { return seen }
        return .denied(.policyDenied("modify_member"))
    }

    /// The rule name a denial reports: Glance's own where it has one.
    static func rule(toMake visibility: ImageVisibility) -> String {
        switch visibility {
        case .public: "publicize_image"
        case .community: "communitize_image"
        case .shared: "share_image"
        case .private: "modify_image"
        }
    }
}
