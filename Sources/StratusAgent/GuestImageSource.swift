import Foundation

/// The local files a guest boots from: a kernel (and initrd) beside its disk, or,
/// without a kernel, its disk alone (the BIOS boots it).
public struct GuestImage: Sendable, Equatable {
    public var kernel: String?
    public var initrd: String?
    /// The machine image's data, the base of the guest's copy-on-write root disk.
    public var disk: GuestDisk?
    /// The guest's config drive (an ISO 9660 volume), attached read-only.
    public var configDrive: String?

    public init(kernel: String?, initrd: String? = nil, disk: GuestDisk? = nil, configDrive: String? = nil) {
        self.kernel = kernel
        self.initrd = initrd
        self.disk = disk
        self.configDrive = configDrive
    }
}

/// A verified base image in the host's cache; guests get overlays on it, never write it.
public struct GuestDisk: Sendable, Equatable {
    public var path: String
    public var format: DiskFormat

    public init(path: String, format: DiskFormat) {
        self.path = path
        self.format = format
    }

    /// The formats QEMU is told a base has (`-F`): never probed from the bytes, since a
    /// raw image that looks like qcow2 could name any host file as its backing file.
    public enum DiskFormat: String, Sendable, Equatable {
        case qcow2
        case raw

        /// Glance's `disk_format`: `ami` is a raw disk (Nova's libvirt driver treats it so).
        public init?(diskFormat: String?) {
            switch diskFormat {
            case "qcow2": self = .qcow2
            case "raw", "ami": self = .raw
            default: return nil
            }
        }
    }
}

/// How a driver turns a guest's image ids (`imageID`, and the AKI/ARI
/// `kernelID`/`ramdiskID`) into files on this host.
public protocol GuestImageSource: Sendable {
    func files(for guest: GuestSpec) async throws -> GuestImage
}

/// Every guest boots the same files: the test guest, or a host with one image.
public struct FixedGuestImage: GuestImageSource {
    public let image: GuestImage

    public init(_ image: GuestImage) { self.image = image }

    public func files(for guest: GuestSpec) async throws -> GuestImage { image }
}
