import Foundation

/// Who may find an image, as Glance v2 has it.
public enum ImageVisibility: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Everyone sees it and it is in everyone's list.
    case `public`
    /// The owner (and administrators) only.
    case `private`
    /// The owner and the projects it was shared with (`ImageMember`).
    case shared
    /// Everyone may see and boot it by id, but it is listed only on request
    /// (`visibility=community`), so nobody stumbles on an image nobody vouched for.
    case community

    /// Making an image reachable by every project: the trust decision the operator
    /// reserves (`ImageTrustPolicy.publicize`).
    public var isOpenToEveryone: Bool { self == .public || self == .community }
}
