import Foundation

/// Who is asking about an image: the project their token is scoped to and whether
/// they are an administrator. Role checks finer than that (reader vs member) stay with
/// `PolicyEngine`; this is the ownership and visibility layer Glance hard-codes below
/// its policy rules.
public struct ImageViewer: Sendable, Equatable, Hashable {
    /// Nil for a domain- or system-scoped token: such a caller owns no image.
    public var projectID: String?
    public var isAdmin: Bool

    public init(projectID: String?, isAdmin: Bool = false) {
        self.projectID = projectID
        self.isAdmin = isAdmin
    }

    public init(_ auth: AuthContext) {
        self.init(projectID: auth.project?.id, isAdmin: auth.isCloudAdmin)
    }

    /// The viewer's project owns `image`. An ownerless image is owned by nobody.
    public func owns(_ image: Image) -> Bool {
        guard let projectID, let owner = image.owner else { return false }
        return projectID == owner
    }

    /// The membership that speaks for this viewer on `image`, if `record` is one.
    /// A record for another project or another image, or on an image that is no
    /// longer `shared`, grants nothing: a caller's mistake must fail closed.
    public func membership(_ record: ImageMember?, on image: Image) -> ImageMember? {
        guard let record, let projectID, image.visibility == .shared,
              record.imageID == image.id, record.memberID == projectID
        else { return nil }
        return record
    }
}
