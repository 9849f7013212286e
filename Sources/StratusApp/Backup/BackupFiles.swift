import Foundation
import StratusCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file work of backups and restores: private (0700 directories, 0600 files,
/// whatever the umask), fsynced, and hashed as the bytes go by — one read per
/// copy. Blocking calls run off the cooperative pool (`BackupFiles.run`).
enum BackupFiles {
    static let chunkSize = 1 << 20

    /// A file the copy's source no longer has (deleted since it was listed).
    struct Vanished: Error {}

    /// Copies `source` into the new file `destination` and returns what was copied
    /// (size, MD5, SHA-512). The destination must not exist; it is fsynced.
    static func copy(_ source: String, to destination: String) throws -> ImageDataReceipt {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else {
            if errno == ENOENT { throw Vanished() }
            throw failure("open \(source)")
        }
        defer { close(input) }
        let output = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard output >= 0 else { throw failure("create \(destination)") }
        defer { close(output) }
        let receipt = try digest(input, path: source) { chunk in
            try chunk.withUnsafeBytes { try writeAll($0, to: output, path: destination) }
        }
        guard fsync(output) == 0 else { throw failure("fsync \(destination)") }
        return receipt
    }

    /// What a file holds (size, MD5, SHA-512), read once.
    static func hash(_ path: String) throws -> ImageDataReceipt {
        let input = open(path, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw failure("open \(path)") }
        defer { close(input) }
        return try digest(input, path: path) { _ in }
    }

    private static func digest(
        _ descriptor: Int32, path: String, each: ([UInt8]) throws -> Void
    ) throws -> ImageDataReceipt {
        var digest = ImageDataDigest(limit: .max)
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, chunkSize) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw failure("read \(path)") }
            if count == 0 { break }
            let chunk = Array(buffer[0..<count])
            try digest.add(chunk)
            try each(chunk)
        }
        return digest.finish()
    }

    /// Makes the directory (and its parents) and narrows it to 0700, as a data directory's.
    static func makePrivateDirectory(_ path: String) throws {
        try PrivateDataDirectory.makeDirectory(path)
    }

    /// Writes `data` as a new private file, fsynced.
    static func writePrivate(_ data: Data, to path: String) throws {
        let output = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard output >= 0 else { throw failure("create \(path)") }
        defer { close(output) }
        try data.withUnsafeBytes { try writeAll($0, to: output, path: path) }
        guard fsync(output) == 0 else { throw failure("fsync \(path)") }
    }

    /// Writes every byte, resuming after short writes and interrupts.
    private static func writeAll(_ buffer: UnsafeRawBufferPointer, to output: Int32, path: String) throws {
        var offset = 0
        while offset < buffer.count {
            let written = write(output, buffer.baseAddress?.advanced(by: offset), buffer.count - offset)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw failure("write \(path)") }
            offset += written
        }
    }

    /// Makes renames and new names in `directory` durable.
    static func syncDirectory(_ directory: String) throws {
        let descriptor = open(directory, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("open \(directory)") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure("fsync \(directory)") }
    }

    /// `rename(2)`: atomic, and refuses to replace a non-empty directory.
    static func renameItem(_ from: String, to: String) throws {
        guard rename(from, to) == 0 else { throw failure("rename \(from) to \(to)") }
    }

    /// Runs blocking file work on a thread of its own, not the cooperative pool
    /// a cloud in the same process (the tests) serves requests from.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }

    static func failure(_ call: String) -> BackupError {
        BackupError("\(call): \(String(cString: strerror(errno)))")
    }

    /// "1.2 MiB"
    static func size(_ bytes: Int64) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) bytes" : String(format: "%.1f", value) + " " + units[unit]
    }
}

/// Why a backup or restore stopped; the message says what to do.
public struct BackupError: Error, Sendable, CustomStringConvertible, LocalizedError {
    public var description: String
    public init(_ description: String) { self.description = description }
    public var errorDescription: String? { description }
}
