import Foundation

/// Which images a list request asks for, beyond what the viewer may see.
public struct ImageListFilter: Sendable, Equatable, Hashable {
    public enum Visibility: Sendable, Equatable, Hashable {
        /// No `visibility` parameter: community images are left out unless the
        /// viewer owns them, so an unvetted image is never found by browsing.
        case unspecified
        /// `visibility=all`.
        case all
        case only(ImageVisibility)
    }

    public var visibility: Visibility
    /// Shared images are listed to a member whose status is this one; nil is
    /// `member_status=all`. Glance's default, `accepted`, keeps an image the owner
    /// pushed at a project out of its list until the project accepts it.
    public var memberStatus: ImageMemberStatus?
    /// Which `os_hidden` value to list; nil lists both. Glance's default is false.
    public var osHidden: Bool?

    public init(visibility: Visibility = .unspecified, memberStatus: ImageMemberStatus? = .accepted, osHidden: Bool? = false) {
        self.visibility = visibility
        self.memberStatus = memberStatus
        self.osHidden = osHidden
    }
}

extension ImageAccess {
    /// Whether `image` belongs in this viewer's list under `filter` (Glance's list
    /// query, one image at a time, so the store adapter's SQL can be checked against
    /// it). Listing is narrower than `see`: pending members and community images
    /// are reachable by id but not listed by default. Nothing is listed that `see`
    /// refuses, so a rejected membership is never listed, even under
    /// `member_status=rejected` (Glance lists it there).
    public func isListed(_ image: Image, membership record: ImageMember?, filter: ImageListFilter = ImageListFilter()) -> Bool {
        guard see(image, membership: record) == .allowed else { return false }
        if let osHidden = filter.osHidden, image.osHidden != osHidden { return false }
        switch filter.visibility {
        case .unspecified:
            if image.visibility == .community, !viewer.owns(image) { return false }
        case .all:
            break
        case .only(let visibility):
            if image.visibility != visibility { return false }
        }
        if viewer.isAdmin || image.visibility.isOpenToEveryone || viewer.owns(image) { return true }
        // What remains is a shared image seen through a pending or accepted membership.
        guard let membership = viewer.membership(record, on: image) else { return false }
        return filter.memberStatus.map { $0 == membership.status } ?? true
    }
}
