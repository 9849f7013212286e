import Foundation
import StratusCore

/// A guest's disks in its folder: the root disk, a qcow2 overlay on the cached
/// base image, and the config drive. Separate steps, so a migration's
/// destination can prepare the same disks over the same cached base.
extension QEMUDriver {
    /// `disk.qcow2` over `base`, sized to the flavor's root disk when it has one.
    /// The base is checked first: its declared format, and no other file named.
    func prepareDisk(for guest: GuestSpec, base: GuestDisk, in directory: QEMUInstanceDirectory) async throws -> GuestDisk {
        guard let tool = QEMUImageTool.find(besides: executable) else { throw DriverError("qemu-img not found") }
        let info = try await tool.info(base.path, format: base.format)
        if let refusal = info.refusal { throw DriverError("Image \(guest.imageID) cannot back a disk: \(refusal)") }
        let flavorBytes = Int64(guest.rootDiskGiB) << 30
        if guest.rootDiskGiB > 0, flavorBytes < info.virtualSize {
            throw DriverError(
                "Flavor's disk is too small for requested image. Flavor disk is \(flavorBytes) bytes, image is \(info.virtualSize) bytes.")
        }
        try? FileManager.default.removeItem(atPath: directory.disk)  // a half-made one from a spawn cut off
        try await tool.createOverlay(at: directory.disk, base: base, size: guest.rootDiskGiB > 0 ? flavorBytes : nil)
        return GuestDisk(path: directory.disk, format: .qcow2)
    }

    /// `disk.config`: the config drive (ISO 9660, label `config-2`) with the guest's
    /// metadata and user data; nil when the driver is configured without one.
    func prepareConfigDrive(for guest: GuestSpec, in directory: QEMUInstanceDirectory) async throws -> String? {
        guard configuration.configDrive else { return nil }
        guard let builder = ConfigDriveImage.find() else {
            throw DriverError("No ISO tool for the config drive (install genisoimage or xorriso)")
        }
        let seed = (0..<512).map { _ in UInt8.random(in: .min ... .max) }
        try await builder.build(try ConfigDriveContent.files(for: guest, randomSeed: seed), at: directory.configDrive)
        return directory.configDrive
    }
}
