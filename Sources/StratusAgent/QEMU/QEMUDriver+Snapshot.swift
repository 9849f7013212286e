import Foundation
import StratusCore

/// Snapshots as Nova's libvirt driver takes them when it cannot live-snapshot: the
/// guest's root disk as it is (its overlay flattened with the cached base), the guest
/// stopped over QMP for the copy so it is consistent, and resumed whatever the copy did.
extension QEMUDriver {
    public func snapshot(instanceID: String) async throws -> ImageDataChunks {
        let directory = try existing(instanceID)
        // A kernel+ramdisk guest without a machine image has no disk: its state is in
        // memory only, and uploading its initrd would be a snapshot of nothing it did.
        guard FileManager.default.fileExists(atPath: directory.disk) else {
            throw DriverError("Guest \(instanceID) has no root disk (booted from kernel and ramdisk only): nothing to snapshot")
        }
        guard let tool = QEMUImageTool.find(besides: executable) else { throw DriverError("qemu-img not found") }
        // Written in the base's format (Nova's source_type): the core labels the snapshot
        // image with the base image's disk_format, so an AMI (raw) base gives raw data.
        let overlay = try await tool.info(directory.disk, format: .qcow2, shared: true)
        let format: GuestDisk.DiskFormat = overlay.backingFormat == "raw" ? .raw : .qcow2
        let copy = directory.snapshotFile
        try removeSnapshotCopy(copy)
        let stopped = await power(of: directory) == .running
        if stopped { try await qmp(directory, "stop") }
        do {
            try await tool.flatten(directory.disk, to: copy, format: format)
        } catch {
            try removeSnapshotCopy(copy)
            if stopped {
                do { try await qmp(directory, "cont") } catch let resume {
                    // Both reasons: the copy's is why the snapshot failed, the resume's why the guest is paused.
                    throw DriverError("snapshot of \(instanceID) failed (\(error)), and the guest could not be resumed: \(resume)")
                }
            }
            throw error
        }
        if stopped { try await qmp(directory, "cont") }
        // Opened before it is unlinked: the upload reads the open file, and no copy is left behind.
        let chunks = try FileChunks.read(copy)
        try removeSnapshotCopy(copy)
        return chunks
    }

    private func removeSnapshotCopy(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        try FileManager.default.removeItem(atPath: path)
    }
}
