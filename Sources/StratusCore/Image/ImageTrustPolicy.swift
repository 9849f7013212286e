import Foundation

/// Who may perform one of the image trust actions.
public enum ImagePrivilege: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Callers with the admin role.
    case administrators
    /// Any caller scoped to a project (administrators included).
    case members
    /// No caller at all, administrators included: the operator has switched the
    /// action off (an administrator who needs it changes the configuration, which
    /// leaves a trace, rather than bypassing it per request).
    case nobody

    public func permits(_ viewer: ImageViewer) -> Bool {
        switch self {
        case .administrators: viewer.isAdmin
        case .members: viewer.isAdmin || viewer.projectID != nil
        case .nobody: false
        }
    }
}

/// The operator's trust configuration for images (issue 4). An image is code every
/// instance booted from it runs; who may bring one in and who may hand it to other
/// projects are the two places a backdoored or data-leaking image spreads, so both
/// are decided here, in the core, rather than left to editable policy rules.
///
/// Uploads are always private at first (`defaultVisibility`), and never become
/// public, community or shared unless this policy lets the caller do it: the stock
/// behaviour this replaces made uploads public by default and leaked data.
public struct ImageTrustPolicy: Sendable, Equatable, Hashable {
    /// Who may create images and upload their data (and so, snapshot instances).
    public var create: ImagePrivilege
    /// Who may make an image `public` or `community`: reachable by every project.
    public var publicize: ImagePrivilege
    /// Who may make an image `shared` and add projects to it.
    public var share: ImagePrivilege

    public init(create: ImagePrivilege, publicize: ImagePrivilege, share: ImagePrivilege) {
        self.create = create
        self.publicize = publicize
        self.share = share
    }

    /// What an image is when its creator does not say. Not configurable: Glance's
    /// `shared` default is private in effect only until someone adds a member, and a
    /// public default is the leak this policy exists to prevent.
    public static let defaultVisibility = ImageVisibility.private

    /// A private cloud: the catalog is curated. Only administrators bring images in,
    /// publish them and share them; members boot what they are given.
    public static let privateCloud = ImageTrustPolicy(
        create: .administrators, publicize: .administrators, share: .administrators)

    /// A public cloud: users upload their own images but cannot hand them to anyone
    /// else — neither publish nor share — so one tenant's upload never reaches another
    /// tenant. Administrators keep both, since that is how the provider publishes its
    /// base images and offers licensed images to chosen customers.
    public static let publicCloud = ImageTrustPolicy(
        create: .members, publicize: .administrators, share: .administrators)

    /// The privilege that governs moving an image to `visibility`; nil when no trust
    /// decision is involved (making an image private only narrows who sees it).
    public func privilege(toMake visibility: ImageVisibility) -> ImagePrivilege? {
        switch visibility {
        case .public, .community: publicize
        case .shared: share
        case .private: nil
        }
    }
}
