import Foundation

/// Compute reads the images servers boot from here, and applies `ImageAccess`
/// itself, so a server never boots an image its creator could not see.
extension ImageService: BootImageSource {
    public func bootImage(id: String) async throws -> Image? {
        try await store.image(id: id)
    }

    public func bootImageMembership(imageID: String, projectID: String) async throws -> ImageMember? {
        try await store.imageMember(imageID: imageID, memberID: projectID)
    }
}
