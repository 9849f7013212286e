import Foundation
import StratusCore
import StratusHostProtocol

/// A `stratus agent`'s images: the record and the data over the host protocol.
/// The controller serves only images this host's guests boot from, and the
/// `ImageCache` checks every byte against the record before a guest uses it.
public struct RemoteImageFetcher: ImageFetcher {
    let client: HostLinkClient

    public init(client: HostLinkClient) { self.client = client }

    public func expectedData(id: String) async throws -> ExpectedImageData {
        let image = try await client.call(.GET, HostProtocol.Path.image(imageId: id), as: HostImage.self)
        guard image.id == id, image.size >= 0 else {
            throw HostProtocolError(field: "image", problem: "the controller described another image or a negative size")
        }
        return ExpectedImageData(
            imageID: image.id, size: image.size, sha512: image.sha512?.lowercased(), md5: image.md5?.lowercased(),
            diskFormat: image.diskFormat, signatureVerified: image.signatureVerified)
    }

    public func data(id: String) async throws -> ImageDataChunks {
        try await client.download(HostProtocol.Path.imageFile(imageId: id))
    }
}
