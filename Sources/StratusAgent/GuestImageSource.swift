import Foundation

/// The local files a guest boots from.
public struct GuestImage: Sendable, Equatable {
    public var kernel: String
    public var initrd: String?
    /// A disk image; not bootable by `QEMUDriver` yet (phase 1 boots kernel + initrd).
    public var disk: String?

    public init(kernel: String, initrd: String? = nil, disk: String? = nil) {
        self.kernel = kernel
        self.initrd = initrd
        self.disk = disk
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
