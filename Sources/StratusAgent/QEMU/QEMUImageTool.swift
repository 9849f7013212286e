import Foundation

/// `qemu-img`: what a disk image is, and copy-on-write overlays on a base.
struct QEMUImageTool: Sendable {
    let executable: String

    /// `qemu-img` beside the given QEMU binary, else on PATH.
    static func find(besides qemu: String) -> QEMUImageTool? {
        let sibling = URL(fileURLWithPath: qemu).deletingLastPathComponent().appendingPathComponent("qemu-img").path
        return QEMUProcess.find(sibling).map(QEMUImageTool.init) ?? QEMUProcess.find("qemu-img").map(QEMUImageTool.init)
    }

    /// `qemu-img info --output=json`, read as `format` (never probed: the caller says).
    /// `shared` (`-U`): a running guest's disk, whose write lock its QEMU holds.
    func info(_ path: String, format: GuestDisk.DiskFormat, shared: Bool = false) async throws -> QEMUImageInfo {
        let output = try await ToolProcess.run(
            executable, ["info", "-f", format.rawValue, "--output=json"] + (shared ? ["-U"] : []) + [path])
        return try QEMUImageInfo.parse(Data(output.utf8))
    }

    /// A qcow2 overlay on `base` (read-only to it), `size` bytes, else the base's size.
    /// The base is named by its absolute path: QEMU resolves a relative backing file
    /// from the overlay's folder, not from ours.
    func createOverlay(at path: String, base: GuestDisk, size: Int64?) async throws {
        let basePath = URL(fileURLWithPath: base.path).standardizedFileURL.path
        var arguments = ["create", "-q", "-f", "qcow2", "-b", basePath, "-F", base.format.rawValue, path]
        if let size { arguments.append(String(size)) }
        try await ToolProcess.run(executable, arguments)
    }

    /// `disk` (a qcow2 overlay) flattened with its backing chain into one standalone
    /// image of `format` at `path`. `-U` (force-share): the guest's QEMU holds the write
    /// lock; the caller makes the copy consistent by stopping the guest first.
    func flatten(_ disk: String, to path: String, format: GuestDisk.DiskFormat) async throws {
        try await ToolProcess.run(executable, ["convert", "-q", "-U", "-f", "qcow2", "-O", format.rawValue, disk, path])
    }
}

/// The parts of `qemu-img info --output=json` the driver checks.
struct QEMUImageInfo: Sendable, Equatable {
    var format: String
    var virtualSize: Int64
    var backingFile: String?
    /// The backing file's format (`backing-filename-format`): a snapshot is written in it.
    var backingFormat: String? = nil
    /// qcow2's external data file (`format-specific.data.data-file`).
    var dataFile: String?

    static func parse(_ json: Data) throws -> QEMUImageInfo {
        guard let object = try JSONSerialization.jsonObject(with: json) as? [String: Any],
              let format = object["format"] as? String,
              let virtualSize = (object["virtual-size"] as? NSNumber)?.int64Value
        else { throw DriverError("qemu-img info: unexpected output") }
        let specific = (object["format-specific"] as? [String: Any])?["data"] as? [String: Any]
        return QEMUImageInfo(
            format: format, virtualSize: virtualSize, backingFile: object["backing-filename"] as? String,
            backingFormat: object["backing-filename-format"] as? String, dataFile: specific?["data-file"] as? String)
    }

    /// Why this base may not back a guest's disk: an image that names another file
    /// (a backing or data file) would let its uploader read that host file.
    var refusal: String? {
        if let backingFile { return "it names a backing file (\(backingFile))" }
        if let dataFile { return "it names a data file (\(dataFile))" }
        return nil
    }
}
