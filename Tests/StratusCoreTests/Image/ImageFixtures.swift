@testable import StratusCore

/// The cast of the image tests: one owner project, one stranger, one project the
/// image may be shared with, and an administrator from a fourth project.
enum ImageFixtures {
    static let ownerProject = "P-owner"
    static let otherProject = "P-other"
    static let memberProject = "P-member"
    static let adminProject = "P-admin"

    static let owner = ImageViewer(projectID: ownerProject)
    static let other = ImageViewer(projectID: otherProject)
    static let member = ImageViewer(projectID: memberProject)
    static let admin = ImageViewer(projectID: adminProject, isAdmin: true)

    static func image(
        id: String = "I-1", visibility: ImageVisibility = .private, status: ImageStatus = .active,
        owner: String? = ownerProject, protected: Bool = false, osHidden: Bool = false
    ) -> Image {
        Image(
            id: id, name: "cirros", status: status, visibility: visibility, owner: owner, protected: protected,
            osHidden: osHidden, containerFormat: "bare", diskFormat: "qcow2")
    }

    static func membership(_ status: ImageMemberStatus, image: String = "I-1", project: String = memberProject) -> ImageMember {
        ImageMember(imageID: image, memberID: project, status: status)
    }

    static func access(_ viewer: ImageViewer, _ policy: ImageTrustPolicy = .publicCloud) -> ImageAccess {
        ImageAccess(viewer: viewer, policy: policy)
    }
}

/// A decision reduced to the HTTP outcome a table can state by hand.
enum Outcome: String, Sendable, CustomStringConvertible {
    /// 200 (or 204 for a download without data).
    case allow
    /// 403.
    case forbid
    /// 404: the image is hidden from this viewer.
    case hide

    init(_ decision: ImageDecision) {
        switch decision {
        case .allowed, .noData: self = .allow
        case .denied(.notFound): self = .hide
        case .denied: self = .forbid
        }
    }

    var description: String { rawValue }
}
