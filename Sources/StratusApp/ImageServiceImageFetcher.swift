import Foundation
import StratusAgent
import StratusCore

/// The in-process hosts' `ImageFetcher`: images read from the image service
/// itself. The host's `ImageCache` verifies what arrives against the record.
struct ImageServiceImageFetcher: ImageFetcher {
    let images: ImageService

    func expectedData(id: String) async throws -> ExpectedImageData {
        try ExpectedImageData.of(try await images.hostImage(id: id))
    }

    func data(id: String) async throws -> ImageDataChunks { try await images.hostImageData(id: id) }
}

extension GuestImageFile {
    /// A file on this machine, to import as an image.
    static func local(_ path: String) throws -> GuestImageFile {
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber
        return GuestImageFile(size: size?.int64Value ?? 0) { try FileChunks.read(path) }
    }
}
