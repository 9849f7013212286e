import Foundation
import StratusCore

/// A file read as `ImageDataChunks`, one chunk at a time.
public enum FileChunks {
    public static let chunkSize = 1 << 20

    public static func read(_ path: String) throws -> ImageDataChunks {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw DriverError("Cannot read \(path)") }
        let reader = ChunkReader(handle: handle)
        return ImageDataChunks { try reader.next() }
    }
}

/// Serialises reads of one handle; closes it at the end.
private final class ChunkReader: @unchecked Sendable {
    private let lock = NSLock()
    private var handle: FileHandle?

    init(handle: FileHandle) { self.handle = handle }

    func next() throws -> [UInt8]? {
        try lock.withLock {
            guard let current = handle else { return nil }
            if let data = try current.read(upToCount: FileChunks.chunkSize), !data.isEmpty { return Array(data) }
            try current.close()
            handle = nil
            return nil
        }
    }
}
