import Foundation

extension ImageService {
    /// The QEMU test guest as Nova's EC2-style trio: a kernel (AKI), a ramdisk
    /// (ARI) and a machine image (AMI) naming both. Fixed ids, as the test
    /// image's, so a later start knows they were made and a deleted one stays gone.
    public static let guestKernelImageID = "5a7c0e1e-57a7-4000-8000-7e57000000b1"
    public static let guestRamdiskImageID = "5a7c0e1e-57a7-4000-8000-7e57000000b2"
    public static let guestMachineImageID = "5a7c0e1e-57a7-4000-8000-7e57000000b3"

    /// Imports the test guest on the first start, public and owned by
    /// `ownerProjectID`. The machine image's data is the ramdisk again: this guest's
    /// root file system is its initramfs; its disk is a raw overlay on these bytes, and
    /// a snapshot is that disk flattened (raw, labelled ami, same kernel_id/ramdisk_id).
    /// Returns the machine image's id, nil when an operator deleted one of the three.
    public func bootstrapGuestImages(
        ownerProjectID: String, kernel: GuestImageFile, ramdisk: GuestImageFile
    ) async throws -> String? {
        let made = [
            try await bootstrap(Self.guestKernelImageID, "stratus-test-guest-kernel", "aki", [:], kernel, ownerProjectID),
            try await bootstrap(Self.guestRamdiskImageID, "stratus-test-guest-ramdisk", "ari", [:], ramdisk, ownerProjectID),
            try await bootstrap(
                Self.guestMachineImageID, "stratus-test-guest", "ami",
                ["kernel_id": Self.guestKernelImageID, "ramdisk_id": Self.guestRamdiskImageID], ramdisk, ownerProjectID),
        ]
        return made.allSatisfy { $0 } ? Self.guestMachineImageID : nil
    }

    /// An active image's record for the host that boots it: what its cached data
    /// must match (size, hashes) and whether its signature was verified.
    /// No caller: compute checked the server's creator could boot it.
    public func hostImage(id: String) async throws -> Image {
        guard let image = try await store.image(id: id), image.status == .active else {
            throw ImageError.notFound("No image found with ID \(id)")
        }
        return image
    }

    /// An active image's data for the host that boots it (the QEMU driver's image cache).
    public func hostImageData(id: String) async throws -> ImageDataChunks {
        _ = try await hostImage(id: id)
        return try await data.read(imageID: id)
    }

    /// False when the image was deleted (its row is kept): it is not made again.
    private func bootstrap(
        _ id: String, _ name: String, _ format: String, _ properties: [String: String], _ file: GuestImageFile,
        _ owner: String
    ) async throws -> Bool {
        let actor = AuditActor(requestID: "bootstrap")
        var image: Image
        if let existing = try await store.image(id: id) {
            guard existing.status == .queued else { return !existing.status.isGone }
            image = existing
        } else {
            let now = clock.now()
            image = Image(
                id: id, name: name, visibility: .public, owner: owner, containerFormat: format, diskFormat: format,
                createdAt: now, updatedAt: now, version: 1)
            image.extraProperties = properties
            try await store.commit([.insertImage(image), audit(actor, "image:bootstrap", image.id)])
        }
        let saving = try await markSaving(image, audit(actor, "image:upload_image", image.id))
        // The cloud's own image: the users' upload cap does not apply to it.
        try await receive(saving, chunks: try file.chunks(), actor: actor, limit: file.size)
        return true
    }
}

/// A file to import, read by the caller (the core does no I/O): its size and
/// a fresh stream of its bytes each time `chunks` is called.
public struct GuestImageFile: Sendable {
    public var size: Int64
    public var chunks: @Sendable () throws -> ImageDataChunks

    public init(size: Int64, chunks: @escaping @Sendable () throws -> ImageDataChunks) {
        self.size = size
        self.chunks = chunks
    }
}
