import Foundation
import StratusAgent
import StratusCore

/// The all-in-one cloud's `GuestImageSource`: a guest's kernel (`kernel_id`)
/// and ramdisk (`ramdisk_id`) images, read from the image service once into a
/// cache folder (`<file>.part`, then renamed, so a crash leaves no half file).
struct ImageServiceGuestImages: GuestImageSource {
    let images: ImageService
    let cacheDirectory: String

    func files(for guest: GuestSpec) async throws -> GuestImage {
        guard !guest.kernelID.isEmpty else {
            throw DriverError(
                "Image \(guest.imageID) has no kernel_id: the QEMU driver boots kernel and ramdisk images only (for now)")
        }
        let kernel = try await cached(guest.kernelID)
        let ramdisk = guest.ramdiskID.isEmpty ? nil : try await cached(guest.ramdiskID)
        return GuestImage(kernel: kernel, initrd: ramdisk)
    }

    private func cached(_ imageID: String) async throws -> String {
        let path = cacheDirectory + "/" + imageID
        let files = FileManager.default
        if files.fileExists(atPath: path) { return path }
        try files.createDirectory(atPath: cacheDirectory, withIntermediateDirectories: true)
        let partial = path + ".part"
        guard files.createFile(atPath: partial, contents: nil) else { throw DriverError("Cannot write \(partial)") }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: partial))
        do {
            for try await chunk in try await images.hostImageData(id: imageID) {
                try handle.write(contentsOf: Data(chunk))
            }
            try handle.close()
            try files.moveItem(atPath: partial, toPath: path)
        } catch {
            try? handle.close()  // already failing; the partial file goes next
            try? files.removeItem(atPath: partial)
            throw error
        }
        return path
    }
}

extension GuestImageFile {
    /// A file on this machine, to import as an image.
    static func local(_ path: String) throws -> GuestImageFile {
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber
        return GuestImageFile(size: size?.int64Value ?? 0) { try FileChunks.read(path) }
    }
}
