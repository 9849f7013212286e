import Foundation
import StratusCore
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Image data as files under `<data-dir>/images/`: `<image-id>` once committed,
/// `.partial-<image-id>-<random>` while being written. A write is fsynced, renamed
/// over the final name (atomic on POSIX) and the directory fsynced, so after a crash
/// a file is either complete under its name or a `.partial-` leftover.
public final class FileImageDataStore: ImageDataStore {
    let directory: URL
    static let partialPrefix = ".partial-"
    static let chunkSize = 256 << 10

    /// Creates the directory (0700) if needed.
    public init(directory: String) throws {
        self.directory = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(
            at: self.directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    public func beginWrite(imageID: String) async throws -> any ImageDataWriter {
        let final = try path(of: imageID)
        let partial = directory.appendingPathComponent(Self.partialPrefix + imageID + "-" + UUID().uuidString).path
        return try await BlockingIO.run {
            guard FileManager.default.createFile(atPath: partial, contents: nil, attributes: [.posixPermissions: 0o600])
            else { throw FileImageDataError.cannotCreate(partial) }
            return FileImageDataWriter(
                handle: try FileHandle(forWritingTo: URL(fileURLWithPath: partial)), partial: partial, final: final,
                directory: self.directory.path)
        }
    }

    public func read(imageID: String) async throws -> ImageDataChunks {
        let file = try path(of: imageID)
        let reader = try await BlockingIO.run {
            guard FileManager.default.fileExists(atPath: file) else { throw FileImageDataError.missing(imageID) }
            return FileImageDataReader(handle: try FileHandle(forReadingFrom: URL(fileURLWithPath: file)))
        }
        return ImageDataChunks { try await reader.next() }
    }

    public func delete(imageID: String) async throws {
        let file = try path(of: imageID)
        let directory = directory.path
        try await BlockingIO.run {
            guard unlink(file) == 0 || errno == ENOENT else { throw FileImageDataError.system("unlink \(file)", errno) }
            try Self.syncDirectory(directory)
        }
    }

    public func storedImageIDs() async throws -> [String] {
        try await names().filter { !$0.hasPrefix(".") }.sorted()
    }

    public func discardPartialWrites() async throws {
        let folder = directory
        let partials = try await names().filter { $0.hasPrefix(Self.partialPrefix) }.map { folder.appendingPathComponent($0) }
        try await BlockingIO.run {
            for partial in partials { try FileManager.default.removeItem(at: partial) }
            try Self.syncDirectory(folder.path)
        }
    }

    private func names() async throws -> [String] {
        let directory = directory.path
        return try await BlockingIO.run { try FileManager.default.contentsOfDirectory(atPath: directory) }
    }

    /// The committed file of an image. Ids are UUIDs; anything that could leave the
    /// directory or name a partial file is refused.
    func path(of imageID: String) throws -> String {
        guard !imageID.isEmpty, !imageID.hasPrefix("."),
              imageID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        else { throw FileImageDataError.badID(imageID) }
        return directory.appendingPathComponent(imageID).path
    }

    /// Makes a rename or unlink in `directory` durable.
    static func syncDirectory(_ directory: String) throws {
        let descriptor = open(directory, O_RDONLY)
        guard descriptor >= 0 else { throw FileImageDataError.system("open \(directory)", errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw FileImageDataError.system("fsync \(directory)", errno) }
    }
}

enum FileImageDataError: Error, CustomStringConvertible {
    case badID(String)
    case missing(String)
    case cannotCreate(String)
    case finished(String)
    case system(String, Int32)

    var description: String {
        switch self {
        case .badID(let id): "not an image id: \(id)"
        case .missing(let id): "no data stored for image \(id)"
        case .cannotCreate(let path): "cannot create \(path)"
        case .finished(let path): "\(path) was already committed or discarded"
        case .system(let call, let code): "\(call): \(String(cString: strerror(code)))"
        }
    }
}
