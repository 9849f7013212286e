import Foundation

/// Writes a config drive as an ISO 9660 volume labelled `config-2`, with Nova's
/// options (Rock Ridge and Joliet, lower-case and dotted names kept), by
/// `genisoimage`, `mkisofs` or `xorriso -as mkisofs`, whichever the host has
/// (Debian: `apt-get install genisoimage`).
public struct ConfigDriveImage: Sendable {
    let executable: String
    let prefix: [String]

    /// The first ISO tool on PATH, nil when there is none.
    public static func find() -> ConfigDriveImage? {
        for name in ["genisoimage", "mkisofs"] {
            if let path = QEMUProcess.find(name) { return ConfigDriveImage(executable: path, prefix: []) }
        }
        return QEMUProcess.find("xorriso").map { ConfigDriveImage(executable: $0, prefix: ["-as", "mkisofs"]) }
    }

    /// Builds `path` from `files` (relative path → bytes), staged in a folder beside it.
    public func build(_ files: [String: Data], at path: String) async throws {
        let staging = path + ".d"
        let manager = FileManager.default
        try? manager.removeItem(atPath: staging)  // debris of a build cut off
        defer { try? manager.removeItem(atPath: staging) }  // only staging: the volume is what stays
        for (relative, data) in files {
            let file = URL(fileURLWithPath: staging).appendingPathComponent(relative)
            try manager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: file)
        }
        try await ToolProcess.run(executable, prefix + [
            "-o", path, "-ldots", "-allow-lowercase", "-allow-multidot", "-l", "-publisher", "Stratus",
            "-quiet", "-J", "-r", "-V", ConfigDriveContent.volumeLabel, staging,
        ])
    }
}
