import Foundation

/// How compute reads the image a server boots from: the image record and the
/// caller's membership on it, so `ImageAccess` decides visibility exactly as the
/// image API does.
public protocol BootImageSource: Sendable {
    func bootImage(id: String) async throws -> Image?
    func bootImageMembership(imageID: String, projectID: String) async throws -> ImageMember?
}
