import Foundation
import StratusCore
#if canImport(Glibc)
import Glibc
#endif

/// A guest's serial console file, which QEMU appends to: read its tail, find
/// a marker in what was written since an offset, and keep it under a limit.
struct ConsoleLog: Sendable {
    let path: String
    /// Read as if it came before `path`: what the guest wrote on the host it was
    /// live-migrated from (`QEMUInstanceDirectory.consoleHistory`, at most
    /// `ConsoleHistory.maxBytes`, never written by QEMU). Nil or absent: none.
    var historyPath: String? = nil

    var size: Int { Self.size(of: path) }

    /// The last `lines` lines (all when nil) of at most the last `maxBytes` bytes
    /// of the history followed by the log. Lines are cut at LF bytes: a guest's
    /// tty writes CRLF, which a Swift String would read as one character that is not "\n".
    func tail(lines: Int?, maxBytes: Int = ConsoleHistory.maxBytes) -> String {
        var bytes = Self.read(path, from: max(0, size - maxBytes))
        if let historyPath, bytes.count < maxBytes {
            let wanted = maxBytes - bytes.count
            bytes = Self.read(historyPath, from: max(0, Self.size(of: historyPath) - wanted)) + bytes
        }
        guard let lines else { return String(decoding: bytes, as: UTF8.self) }
        guard lines > 0 else { return "" }
        let newline = UInt8(ascii: "\n")
        // The last line's own LF does not start another line.
        var start = bytes.last == newline ? bytes.endIndex - 1 : bytes.endIndex
        var remaining = lines
        while start > bytes.startIndex {
            if bytes[start - 1] == newline {
                remaining -= 1
                if remaining == 0 { break }
            }
            start -= 1
        }
        return String(decoding: bytes[start...], as: UTF8.self)
    }

    /// Whether `marker` was written at or after byte `offset`.
    func contains(_ marker: String, after offset: Int) -> Bool {
        let bytes = Self.read(path, from: offset)
        let needle = Array(marker.utf8)
        guard !needle.isEmpty, bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { start in
            bytes[start] == needle[0] && Array(bytes[start..<(start + needle.count)]) == needle
        }
    }

    /// When the log is over `limit`, drops its front, keeping about the last
    /// half. Collapsing the range in place is atomic for QEMU's appending
    /// writer; where the file system cannot (tmpfs), the tail is copied back
    /// after a truncate, and a line written in that instant may be lost.
    /// The history is bounded when written and left as it is.
    func cap(at limit: Int) {
        let size = self.size
        guard size > limit else { return }
        let descriptor = open(path, O_RDWR | O_APPEND)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let block = 4096
        let drop = ((size - limit / 2) / block) * block
        guard drop > 0 else { return }
        if LinuxCalls.collapseFront(descriptor, drop) { return }
        let kept = Self.read(path, from: drop)
        guard ftruncate(descriptor, 0) == 0 else { return }
        _ = kept.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    private static func size(of path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.intValue ?? 0
    }

    private static func read(_ path: String, from offset: Int) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        do {
            try handle.seek(toOffset: UInt64(max(0, offset)))
            return Array(try handle.readToEnd() ?? Data())
        } catch {
            return []
        }
    }
}
