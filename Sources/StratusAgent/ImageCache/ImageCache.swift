import Foundation
import StratusCore

/// A host's image cache: each image's data fetched once into `<directory>/<id>`
/// and verified against the image service's record (size, sha512, md5) — while
/// it streams in, and again from the file every time it is handed out, so a
/// corrupt or tampered file is fetched anew, never booted. When the cloud boots
/// only signed images, an image without a verified signature is refused here
/// too: the host does not take compute's word for it.
///
/// Concurrent requests for one image share one load. Nothing is evicted: guests'
/// disks are overlays on these files.
public actor ImageCache {
    public nonisolated let directory: String
    let fetcher: any ImageFetcher
    let requireVerifiedSignature: Bool
    private var loads: [String: Task<CachedImage, any Error>] = [:]

    public init(directory: String, fetcher: any ImageFetcher, requireVerifiedSignature: Bool = false) {
        self.directory = directory
        self.fetcher = fetcher
        self.requireVerifiedSignature = requireVerifiedSignature
    }

    /// The image's verified local file.
    public func file(for imageID: String) async throws -> CachedImage {
        if let load = loads[imageID] { return try await load.value }
        let path = directory + "/" + imageID
        let (fetcher, requireSigned) = (fetcher, requireVerifiedSignature)
        // Detached: hashing and writing files is blocking work, not the actor's.
        let load = Task.detached {
            try await Self.load(imageID, at: path, from: fetcher, requireVerifiedSignature: requireSigned)
        }
        loads[imageID] = load
        defer { loads[imageID] = nil }
        return try await load.value
    }

    private static func load(
        _ imageID: String, at path: String, from fetcher: any ImageFetcher, requireVerifiedSignature: Bool
    ) async throws -> CachedImage {
        let expected = try await fetcher.expectedData(id: imageID)
        if requireVerifiedSignature, !expected.signatureVerified {
            throw DriverError("Image \(imageID) has no verified signature; this cloud boots only signed images")
        }
        let files = FileManager.default
        if files.fileExists(atPath: path) {
            if try await expected.mismatch(digest(of: path)) == nil { return CachedImage(path: path, expected: expected) }
            try files.removeItem(atPath: path)  // corrupt or tampered: fetched again below
        }
        try files.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try await fetch(expected, from: fetcher, to: path)
        return CachedImage(path: path, expected: expected)
    }

    /// Streams the data into `<path>.part`, hashing as it goes; renamed only when it matches.
    private static func fetch(_ expected: ExpectedImageData, from fetcher: any ImageFetcher, to path: String) async throws {
        let partial = path + ".part"
        let files = FileManager.default
        guard files.createFile(atPath: partial, contents: nil) else { throw DriverError("Cannot write \(partial)") }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: partial))
        do {
            var digest = ImageDataDigest(limit: .max)
            for try await chunk in try await fetcher.data(id: expected.imageID) {
                try digest.add(chunk)
                // More than the record says is already wrong: stop before writing it.
                guard digest.size <= expected.size else { break }
                try handle.write(contentsOf: Data(chunk))
            }
            if let mismatch = expected.mismatch(digest.finish()) {
                throw DriverError("Image \(expected.imageID) data does not match its record (\(mismatch)); not used")
            }
            try handle.synchronize()
            try handle.close()
            try files.moveItem(atPath: partial, toPath: path)
        } catch {
            try? handle.close()  // already failing; the partial file goes next
            try? files.removeItem(atPath: partial)
            throw error
        }
    }

    /// Size and hashes of a cached file.
    static func digest(of path: String) async throws -> ImageDataReceipt {
        var digest = ImageDataDigest(limit: .max)
        for try await chunk in try FileChunks.read(path) { try digest.add(chunk) }
        return digest.finish()
    }
}

/// A verified file of the cache and the record it matched.
public struct CachedImage: Sendable, Equatable {
    public var path: String
    public var expected: ExpectedImageData
}
