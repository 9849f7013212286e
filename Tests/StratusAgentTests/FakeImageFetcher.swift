import Foundation
import StratusCore
@testable import StratusAgent

/// An image service in memory: records made the way an upload makes them
/// (size, md5, sha512 of the data), data served as stored — or replaced, to
/// play a corrupted transfer. Counts the data fetches.
final class FakeImageFetcher: ImageFetcher, @unchecked Sendable {
    private let lock = NSLock()
    private var images: [String: (record: Image, data: Data)] = [:]
    private var served: [String: Data] = [:]
    private var fetchCounts: [String: Int] = [:]

    /// Adds an active image whose record matches `data`.
    func add(_ id: String, data: Data, diskFormat: String = "raw", signatureVerified: Bool = false) {
        var digest = ImageDataDigest(limit: .max)
        try? digest.add(Array(data))  // no limit to pass
        let receipt = digest.finish()
        var image = Image(
            id: id, status: .active, owner: "p", containerFormat: "bare", diskFormat: diskFormat, size: receipt.size,
            checksum: receipt.md5, osHashAlgo: "sha512", osHashValue: receipt.sha512)
        if signatureVerified { image.extraProperties[ImageLifecycleProperties.signatureVerified] = "true" }
        lock.withLock { images[id] = (image, data) }
    }

    func add(_ id: String, file: String, diskFormat: String) throws {
        add(id, data: try Data(contentsOf: URL(fileURLWithPath: file)), diskFormat: diskFormat)
    }

    /// From now on, `id`'s data arrives as `data` while its record stays.
    func serve(_ id: String, as data: Data?) { lock.withLock { served[id] = data } }

    func fetches(_ id: String) -> Int { lock.withLock { fetchCounts[id] ?? 0 } }

    func expectedData(id: String) async throws -> ExpectedImageData {
        guard let image = lock.withLock({ images[id]?.record }) else { throw ImageError.notFound("No image found with ID \(id)") }
        return try ExpectedImageData.of(image)
    }

    func data(id: String) async throws -> ImageDataChunks {
        let data = try lock.withLock {
            guard let stored = images[id] else { throw ImageError.notFound("No image found with ID \(id)") }
            fetchCounts[id, default: 0] += 1
            return served[id] ?? stored.data
        }
        // Several chunks, as a real stream.
        return ImageDataChunks(stride(from: 0, to: data.count, by: 4096).map { Array(data[$0..<min($0 + 4096, data.count)]) })
    }
}
