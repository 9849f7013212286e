import Foundation

/// The `GuestImageSource` of a host with an image cache: the guest's kernel
/// (`kernel_id`) and ramdisk (`ramdisk_id`) to boot, and the machine image's own
/// data as the base of its root disk — all three verified by the cache. Without a
/// `kernel_id` the disk boots alone.
public struct CachedGuestImages: GuestImageSource {
    public let cache: ImageCache

    public init(cache: ImageCache) { self.cache = cache }

    public func files(for guest: GuestSpec) async throws -> GuestImage {
        let disk = try await disk(guest.imageID)
        guard !guest.kernelID.isEmpty else {
            // A machine image without kernel_id boots from its own disk (a bootloader in it).
            guard let disk else { throw DriverError("Image \(guest.imageID) has neither a kernel_id nor a disk to boot") }
            return GuestImage(kernel: nil, disk: disk)
        }
        let kernel = try await cache.file(for: guest.kernelID).path
        let ramdisk = guest.ramdiskID.isEmpty ? nil : try await cache.file(for: guest.ramdiskID).path
        return GuestImage(kernel: kernel, initrd: ramdisk, disk: disk)
    }

    private func disk(_ imageID: String) async throws -> GuestDisk? {
        guard !imageID.isEmpty else { return nil }
        let machine = try await cache.file(for: imageID)
        guard let format = GuestDisk.DiskFormat(diskFormat: machine.expected.diskFormat) else {
            throw DriverError(
                "Image \(imageID) has disk_format \(machine.expected.diskFormat ?? "none"): root disks are qcow2, raw or ami")
        }
        return GuestDisk(path: machine.path, format: format)
    }
}
