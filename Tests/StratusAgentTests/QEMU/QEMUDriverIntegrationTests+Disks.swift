import Foundation
import StratusCore
import Testing
@testable import StratusAgent

/// Real guests with disks: the machine image's data, fetched into the cache
/// and verified, under a qcow2 overlay; metadata and user data on a config drive.
@Suite(
    "QEMUDriver gives guests disks and a config drive", .serialized,
    .enabled(if: TestGuest.available, "needs qemu-system-x86_64, qemu-img, genisoimage and the test guest"))
struct QEMUDriverDiskIntegrationTests {
    let sandbox = QEMUSandbox()
    let fetcher = FakeImageFetcher()
    var cacheDirectory: String { sandbox.dataDirectory + "/image-cache" }
    var cachedBase: String { cacheDirectory + "/ami" }

    func guest(_ id: String, rootDiskGiB: Int = 1) -> GuestSpec {
        GuestSpec(
            instanceID: id, name: "disk guest", vcpus: 1, memoryMiB: 96, imageID: "ami", kernelID: "aki", ramdiskID: "ari",
            userData: Data("hello from stratus\nsecond line\n".utf8).base64EncodedString(), rootDiskGiB: rootDiskGiB,
            metadata: GuestMetadata(projectID: "p1", hostname: "disk-guest", availabilityZone: "nova"))
    }

    /// The test guest as AKI + ARI, and an AMI whose data is an empty qcow2 disk of `size`.
    func driver(baseSize: String = "16M") async throws -> QEMUDriver {
        try FileManager.default.createDirectory(atPath: sandbox.dataDirectory, withIntermediateDirectories: true)
        let base = sandbox.dataDirectory + "/upload.qcow2"
        let tool = try #require(QEMUImageTool.find(besides: TestGuest.qemu ?? ""))
        try await ToolProcess.run(tool.executable, ["create", "-q", "-f", "qcow2", base, baseSize])
        try fetcher.add("aki", file: TestGuest.kernel, diskFormat: "aki")
        try fetcher.add("ari", file: try #require(TestGuest.image.initrd), diskFormat: "ari")
        try fetcher.add("ami", file: base, diskFormat: "qcow2")
        let cache = ImageCache(directory: cacheDirectory, fetcher: fetcher)
        return try await sandbox.driver(images: CachedGuestImages(cache: cache))
    }

    func console(_ driver: QEMUDriver, _ id: String, shows line: String) async throws -> Bool {
        try await eventually(within: .seconds(15)) {
            try await driver.consoleOutput(instanceID: id, lines: nil).contains(line)
        }
    }

    @Test func aGuestBootsWithAnOverlayDiskAndReadsItsUserData() async throws {
        defer { sandbox.cleanUp() }
        let driver = try await driver()
        let started = ContinuousClock.now
        try await driver.spawn(guest("d1"))
        let boot = ContinuousClock.now - started

        #expect(try await console(driver, "d1", shows: "user-data: hello from stratus"))
        #expect(try await console(driver, "d1", shows: "disk: vda 1073741824"))  // the flavor's 1 GiB
        #expect(try await console(driver, "d1", shows: "config-drive: vdb uuid d1"))
        #expect(hardwareRandomBytes(try await driver.consoleOutput(instanceID: "d1", lines: nil)) == nil)  // no RNG asked

        let tool = try #require(QEMUImageTool.find(besides: TestGuest.qemu ?? ""))
        let overlay = try await ToolProcess.run(tool.executable, ["info", "-U", "--output=json", sandbox.folder("d1").disk])
        #expect(overlay.contains("\"backing-filename\": \"\(cachedBase)\""))
        #expect(overlay.contains("\"backing-filename-format\": \"qcow2\""))

        // Overlay creation alone, as a migration's destination would do it; a base named
        // relative to our working directory (a relative --data-dir) is recorded absolute.
        let scratch = QEMUInstanceDirectory(path: sandbox.dataDirectory + "/scratch")
        try FileManager.default.createDirectory(atPath: scratch.path, withIntermediateDirectories: true)
        let depth = FileManager.default.currentDirectoryPath.split(separator: "/").count
        let relativeBase = String(repeating: "../", count: depth) + cachedBase.dropFirst()
        let creating = ContinuousClock.now
        _ = try await driver.prepareDisk(for: guest("d1"), base: GuestDisk(path: relativeBase, format: .qcow2), in: scratch)
        print("qemu: disk guest spawn to ready marker \(boot) (fetch, verify, overlay, config drive, boot); overlay alone \(ContinuousClock.now - creating)")
        let scratchInfo = try await ToolProcess.run(tool.executable, ["info", "--output=json", scratch.disk])
        #expect(scratchInfo.contains("\"backing-filename\": \"\(cachedBase)\""))

        try await driver.destroy(instanceID: "d1")
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder("d1").path))
        #expect(sandbox.processes("d1").isEmpty)
        #expect(FileManager.default.fileExists(atPath: cachedBase))  // the base stays for the next guest
    }

    @Test func aTamperedBaseInTheCacheIsFetchedAgainBeforeTheNextGuestBoots() async throws {
        defer { sandbox.cleanUp() }
        let driver = try await driver()
        try await driver.spawn(guest("d1"))
        try await driver.destroy(instanceID: "d1")
        #expect(fetcher.fetches("ami") == 1)

        var tampered = try Data(contentsOf: URL(fileURLWithPath: cachedBase))
        tampered[tampered.count - 1] ^= 0x01
        try tampered.write(to: URL(fileURLWithPath: cachedBase))

        try await driver.spawn(guest("d2"))
        #expect(fetcher.fetches("ami") == 2)
        #expect(fetcher.fetches("aki") == 1)  // untouched files are verified, not fetched
        #expect(try await ImageCache.digest(of: cachedBase).sha512 == (try await fetcher.expectedData(id: "ami")).sha512)
        #expect(try await console(driver, "d2", shows: "disk: vda 1073741824"))
        try await driver.destroy(instanceID: "d2")
    }

    @Test func corruptImageDataIsNeverBootedAndLeavesNothing() async throws {
        defer { sandbox.cleanUp() }
        let driver = try await driver()
        fetcher.serve("ami", as: Data(repeating: 0, count: 4096))
        let error = await #expect(throws: DriverError.self) { try await driver.spawn(guest("d1")) }
        #expect(error?.message.contains("does not match its record") == true)
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder("d1").path))
        #expect(!FileManager.default.fileExists(atPath: cachedBase))
        #expect(sandbox.processes("d1").isEmpty)
        #expect(try await driver.observedGuests().isEmpty)
    }

    @Test func aFlavorDiskSmallerThanTheImageIsRefused() async throws {
        defer { sandbox.cleanUp() }
        let driver = try await driver(baseSize: "2G")
        let error = await #expect(throws: DriverError.self) { try await driver.spawn(guest("d1", rootDiskGiB: 1)) }
        #expect(error?.message.contains("Flavor's disk is too small") == true)
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder("d1").path))
    }
}
