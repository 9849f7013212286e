import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An agent's small state files (its certificate and key, QEMU's migration
/// credentials): written beside the target with their mode, then renamed over it,
/// so a crash leaves the old file or the new one, never half of either.
enum ReplacedFile {
    static func write(_ text: String, to path: String, mode: Int) throws {
        let temporary = path + ".new"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: mode]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: "rename: \(reason)"])
        }
    }
}
