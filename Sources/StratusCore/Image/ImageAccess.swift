import Foundation

/// Decides what one viewer may do to an image, as Glance's database visibility filter
/// and ownership checks do, with the operator's `ImageTrustPolicy` on top. Pure: the
/// caller reads the image and the viewer's own membership record (if any) first.
///
/// Every decision starts from `see`: an image the viewer may not see is `notFound` for
/// every action, so probing ids tells a project nothing about other projects' images.
public struct ImageAccess: Sendable {
    public var viewer: ImageViewer
    public var policy: ImageTrustPolicy

    public init(viewer: ImageViewer, policy: ImageTrustPolicy) {
        self.viewer = viewer
        self.policy = policy
    }

    /// Show by id. Administrators see everything that is not deleted; everyone sees
    /// public and community images; the owner sees its own; a project the image is
    /// shared with sees it while its membership is pending or accepted.
    ///
    /// Glance also lets a *rejected* member fetch the image by id. Here rejecting
    /// takes the image out of reach (status changes stay possible, see
    /// `updateMemberStatus`): the consumer said no, and an unwanted image should not
    /// stay one id away from a boot.
    public func see(_ image: Image, membership record: ImageMember?) -> ImageDecision {
        guard !image.status.isGone else { return .denied(.imageNotFound(image.id)) }
        if viewer.isAdmin || image.visibility.isOpenToEveryone || viewer.owns(image) {
            return .allowed
        }
        switch viewer.membership(record, on: image)?.status {
        case .pending, .accepted: return .allowed
        case .rejected, nil: return .denied(.imageNotFound(image.id))
        }
    }

    /// Read the data. A deactivated image's data is withheld from everyone but
    /// administrators (who must be able to inspect what they took out of service);
    /// an image without durable data yet answers `noData`.
    public func download(_ image: Image, membership record: ImageMember?) -> ImageDecision {
        let seen = see(image, membership: record)
        guard seen == .allowed else { return seen }
        switch image.status {
        case .active:
            return .allowed
        case .deactivated:
            return viewer.isAdmin
                ? .allowed
                : .denied(.forbidden("The requested image has been deactivated. Image data download is forbidden."))
        case .queued, .saving, .uploading, .importing, .killed, .deleted, .pendingDelete:
            return .noData
        }
    }

    /// Change metadata (and upload data, deactivate, reactivate, tag): the owner or an
    /// administrator. Members of a shared image, and everyone else who can see it,
    /// only read it.
    public func update(_ image: Image, membership record: ImageMember?) -> ImageDecision {
        let seen = see(image, membership: record)
        guard seen == .allowed else { return seen }
        return viewer.isAdmin || viewer.owns(image) ? .allowed : .denied(.forbidden("You do not own this image"))
    }

    /// Delete: as `update`, and never while the image is protected — not even for an
    /// administrator, who must unprotect it first so the deletion is deliberate.
    public func delete(_ image: Image, membership record: ImageMember?) -> ImageDecision {
        let updatable = update(image, membership: record)
        guard updatable == .allowed else { return updatable }
        if image.protected {
            return .denied(.forbidden("Image \(image.id) is protected and cannot be deleted."))
        }
        return .allowed
    }
}
