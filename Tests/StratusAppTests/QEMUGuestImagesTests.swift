import Foundation
import StratusAgent
import StratusCore
import Testing
@testable import StratusApp

/// `--driver qemu` without QEMU: the test guest imported as kernel, ramdisk
/// and machine images, and the image cache the QEMU hosts boot from.
@Suite("The QEMU driver's images in the all-in-one cloud")
struct QEMUGuestImagesTests {
    static func fakeGuest() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("guest-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data("kernel bytes".utf8).write(to: URL(fileURLWithPath: directory + "/vmlinuz"))
        try Data("ramdisk bytes".utf8).write(to: URL(fileURLWithPath: directory + "/initrd.gz"))
        return directory
    }

    @Test func theFirstStartImportsTheGuestAndTheCacheHoldsItsFiles() async throws {
        let guest = try Self.fakeGuest()
        defer { try? FileManager.default.removeItem(atPath: guest) }
        try await TestCloud.run(configure: { $0.hostDriver = .qemu; $0.testGuestDirectory = guest }) { test in
            let images = test.cloud.images
            let machine = try #require(try await images.bootImage(id: ImageService.guestMachineImageID))
            #expect(machine.status == .active && machine.visibility == .public)
            #expect(machine.containerFormat == "ami")
            #expect(machine.extraProperties["kernel_id"] == ImageService.guestKernelImageID)
            #expect(machine.extraProperties["ramdisk_id"] == ImageService.guestRamdiskImageID)
            #expect(try await images.bootImage(id: ImageService.guestKernelImageID)?.containerFormat == "aki")

            let cache = test.cloud.configuration.qemuDirectory + "/image-cache"
            let fetcher = ImageServiceImageFetcher(images: images)
            let source = CachedGuestImages(cache: ImageCache(directory: cache, fetcher: fetcher))
            let spec = GuestSpec(
                instanceID: "i-1", vcpus: 1, memoryMiB: 96, imageID: ImageService.guestMachineImageID,
                kernelID: ImageService.guestKernelImageID, ramdiskID: ImageService.guestRamdiskImageID)
            let files = try await source.files(for: spec)
            #expect(try String(contentsOfFile: try #require(files.kernel), encoding: .utf8) == "kernel bytes")
            #expect(try String(contentsOfFile: try #require(files.initrd), encoding: .utf8) == "ramdisk bytes")
            // The AMI's own data (here the ramdisk again) is the base of the root disk; `ami` is raw.
            let disk = try #require(files.disk)
            #expect(disk.format == .raw && disk.path == cache + "/" + ImageService.guestMachineImageID)
            #expect(try await source.files(for: spec) == files)  // from the cache
            #expect(try FileManager.default.contentsOfDirectory(atPath: cache).sorted()
                    == [ImageService.guestKernelImageID, ImageService.guestRamdiskImageID, ImageService.guestMachineImageID].sorted())

            // An image the image service does not have is nothing to boot.
            await #expect(throws: ImageError.notFound("No image found with ID disk-only")) {
                try await source.files(for: GuestSpec(instanceID: "i-2", vcpus: 1, memoryMiB: 96, imageID: "disk-only"))
            }
            // A machine image without kernel_id boots from its own disk.
            let diskOnly = try await source.files(
                for: GuestSpec(instanceID: "i-3", vcpus: 1, memoryMiB: 96, imageID: ImageService.guestMachineImageID))
            #expect(diskOnly.kernel == nil && diskOnly.initrd == nil && diskOnly.disk == disk)
            // A cloud that boots only signed images: the host refuses the unsigned guest itself.
            let strict = CachedGuestImages(cache: ImageCache(directory: cache, fetcher: fetcher, requireVerifiedSignature: true))
            await #expect(throws: DriverError.self) { try await strict.files(for: spec) }
        }
    }

    @Test func withoutTheBuiltGuestTheCloudDoesNotStart() async throws {
        await #expect(throws: ConfigurationError.self) {
            try await TestCloud.run(configure: { $0.hostDriver = .qemu; $0.testGuestDirectory = "/nonexistent/guest" }) { _ in }
        }
    }
}
