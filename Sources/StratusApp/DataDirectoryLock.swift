import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One `stratus serve` per data directory: an exclusive `flock` on
/// `<data>/stratus.lock`, held for the life of the process (the kernel drops it
/// when the process ends, even by `kill -9`). A second process on the same
/// directory would run its own agents against the same hosts' rows.
final class DataDirectoryLock: Sendable {
    let path: String
    private let descriptor: Int32

    struct Held: Error, CustomStringConvertible {
        var directory: String
        var holder: String
        var description: String {
            "the data directory \(directory) is in use by another stratus (\(holder)); stop it, or pass another --data-dir"
        }
    }

    /// Takes the lock or fails at once with the holder's pid; writes ours into the file.
    init(directory: String) throws {
        path = URL(fileURLWithPath: directory).appendingPathComponent("stratus.lock").path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ConfigurationError("cannot open \(path): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            close(fd)
            throw Held(directory: directory, holder: holder.map { $0.isEmpty ? "pid unknown" : "pid \($0)" } ?? "pid unknown")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// "pid N" of the process holding the directory, nil when nobody does.
    /// Probes with a shared lock and lets go at once.
    static func holder(directory: String) -> String? {
        let path = URL(fileURLWithPath: directory).appendingPathComponent("stratus.lock").path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard flock(fd, LOCK_SH | LOCK_NB) != 0 else {
            flock(fd, LOCK_UN)
            return nil
        }
        let pid = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        return pid.map { $0.isEmpty ? "pid unknown" : "pid \($0)" } ?? "pid unknown"
    }
}
