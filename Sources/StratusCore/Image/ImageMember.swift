import Foundation

/// A consumer's answer to an image shared with it. The owner proposes (`pending`);
/// only the consumer accepts or rejects, so nobody can push an image into another
/// project's list.
public enum ImageMemberStatus: String, Sendable, Equatable, Hashable, CaseIterable {
    case pending, accepted, rejected
}

/// One project an image is shared with (Glance's image membership).
public struct ImageMember: Sendable, Equatable, Hashable {
    public var imageID: String
    /// The consumer project's id.
    public var memberID: String
    public var status: ImageMemberStatus
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        imageID: String, memberID: String, status: ImageMemberStatus = .pending,
        createdAt: Date = Date(timeIntervalSince1970: 0), updatedAt: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.imageID = imageID
        self.memberID = memberID
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
