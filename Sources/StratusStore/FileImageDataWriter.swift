import Foundation
import StratusCore
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One write into a `.partial-` file; `commit` fsyncs, renames it over the image's
/// file and fsyncs the directory.
final class FileImageDataWriter: ImageDataWriter {
    private let handle: Mutex<FileHandle?>
    let partial: String
    let final: String
    let directory: String

    init(handle: FileHandle, partial: String, final: String, directory: String) {
        self.handle = Mutex(handle)
        self.partial = partial
        self.final = final
        self.directory = directory
    }

    func append(_ chunk: [UInt8]) async throws {
        let file = try open()
        try await BlockingIO.run { try file.write(contentsOf: chunk) }
    }

    func commit() async throws {
        let file = try open()
        let (partial, final, directory) = (partial, final, directory)
        try await BlockingIO.run {
            try file.synchronize()
            try file.close()
            guard rename(partial, final) == 0 else { throw FileImageDataError.system("rename \(partial)", errno) }
            try FileImageDataStore.syncDirectory(directory)
        }
        handle.withLock { $0 = nil }
    }

    func discard() async {
        guard let file = handle.withLock({ file in defer { file = nil }; return file }) else { return }
        let partial = partial
        // Best effort: a partial file left behind is removed by `discardPartialWrites`.
        _ = try? await BlockingIO.run {
            try? file.close()
            unlink(partial)
        }
    }

    private func open() throws -> FileHandle {
        guard let file = handle.withLock({ $0 }) else { throw FileImageDataError.finished(partial) }
        return file
    }
}

/// Reads a committed file one chunk per call; closes it at the end (or when dropped).
final class FileImageDataReader: Sendable {
    private let handle: Mutex<FileHandle?>

    init(handle: FileHandle) {
        self.handle = Mutex(handle)
    }

    func next() async throws -> [UInt8]? {
        guard let file = handle.withLock({ $0 }) else { return nil }
        let data = try await BlockingIO.run { try file.read(upToCount: FileImageDataStore.chunkSize) }
        guard let data, !data.isEmpty else {
            handle.withLock { $0 = nil }
            try file.close()
            return nil
        }
        return [UInt8](data)
    }

    deinit {
        handle.withLock { file in try? file?.close() }
    }
}

/// Runs blocking file calls off the cooperative thread pool, so slow disks do not
/// stall unrelated requests.
enum BlockingIO {
    private static let queue = DispatchQueue(label: "stratus.image-data", attributes: .concurrent)

    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}
