import Foundation
import StratusCore
import Testing
@testable import StratusAgent

/// Two QEMU hosts on this machine (separate data folders) moving a real guest.
@Suite(
    "QEMUDriver live-migrates real guests", .serialized,
    .enabled(if: TestGuest.available, "needs qemu-system-x86_64 and scripts/build-test-guest.sh"))
struct QEMULiveMigrationTests {
    let guest = GuestSpec(instanceID: "m1", name: "mover", vcpus: 1, memoryMiB: 96,
                          rng: GuestRNG(rateBytes: 1024, ratePeriodMilliseconds: 1000))

    /// A host whose migration credentials come from `authority` (nil: plain transport),
    /// booting from `images` (the kernel + initrd alone by default).
    func host(
        _ sandbox: QEMUSandbox, _ name: String, authority: MigrationCertificateAuthority?,
        images: any GuestImageSource = FixedGuestImage(TestGuest.image)
    ) async throws -> QEMUDriver {
        let pki = sandbox.dataDirectory + "/pki"
        if let authority {
            try FileManager.default.createDirectory(atPath: pki, withIntermediateDirectories: true)
            for file in try authority.issue(hostName: name, address: "127.0.0.1", now: Date()).files {
                try file.contents.write(toFile: pki + "/" + file.name, atomically: true, encoding: .utf8)
            }
        }
        return try QEMUDriver(
            configuration: .init(
                dataDirectory: sandbox.dataDirectory, acceleration: await QEMUSandbox.acceleration.value.acceleration,
                powerOffTimeout: .seconds(20),
                migration: QEMUMigrationSettings(
                    address: "127.0.0.1", transport: authority == nil ? .plain : .tls, pkiDirectory: pki,
                    timeout: .seconds(120))),
            images: images)
    }

    /// Two hosts that fetch the same machine image (an empty 16 MiB qcow2) into caches
    /// of their own, with credentials from one CA, and a guest booting from it.
    func hostsWithDisks(_ from: QEMUSandbox, _ to: QEMUSandbox) async throws -> (QEMUDriver, QEMUDriver, GuestSpec) {
        let fetcher = FakeImageFetcher()
        try FileManager.default.createDirectory(atPath: from.dataDirectory, withIntermediateDirectories: true)
        let base = from.dataDirectory + "/upload.qcow2"
        try await ToolProcess.run(try imageTool().executable, ["create", "-q", "-f", "qcow2", base, "16M"])
        try fetcher.add("aki", file: TestGuest.kernel, diskFormat: "aki")
        try fetcher.add("ari", file: try #require(TestGuest.image.initrd), diskFormat: "ari")
        try fetcher.add("ami", file: base, diskFormat: "qcow2")
        func images(_ sandbox: QEMUSandbox) -> CachedGuestImages {
            CachedGuestImages(cache: ImageCache(directory: sandbox.dataDirectory + "/image-cache", fetcher: fetcher))
        }
        let authority = try MigrationCertificateAuthority.create(now: Date())
        let source = try await host(from, "qemu-a", authority: authority, images: images(from))
        let destination = try await host(to, "qemu-b", authority: authority, images: images(to))
        let withDisk = GuestSpec(
            instanceID: "m1", name: "mover", vcpus: 1, memoryMiB: 96, imageID: "ami", kernelID: "aki", ramdiskID: "ari",
            rootDiskGiB: 1, metadata: GuestMetadata(projectID: "p1", hostname: "mover", availabilityZone: "nova"))
        return (source, destination, withDisk)
    }

    func imageTool() throws -> QEMUImageTool { try #require(QEMUImageTool.find(besides: TestGuest.qemu ?? "")) }

    func lastTick(_ driver: QEMUDriver) async throws -> Int {
        ticks(try await driver.consoleOutput(instanceID: "m1", lines: nil)).last ?? 0
    }

    @Test func overTLSTheGuestKeepsRunningOnTheDestination() async throws {
        let (from, to) = (QEMUSandbox(), QEMUSandbox())
        defer { from.cleanUp(); to.cleanUp() }
        let authority = try MigrationCertificateAuthority.create(now: Date())
        let source = try await host(from, "qemu-a", authority: authority)
        let destination = try await host(to, "qemu-b", authority: authority)
        try await source.spawn(guest)
        #expect(try await eventually(within: .seconds(20)) { try await lastTick(source) >= 2 })

        let uri = try await destination.prepareIncoming(guest, tls: true)
        #expect(uri.hasPrefix("tcp:127.0.0.1:"))
        #expect(try await destination.prepareIncoming(guest, tls: true) == uri, "repeating it finds the same listener")
        #expect(try await destination.observedGuests() == ["m1": .paused])

        let before = try await lastTick(source)
        let stats = try #require(try await source.migrateReturningStats(instanceID: "m1", to: uri, tls: true))
        print("qemu: TLS live migration of a 96 MiB guest took \(stats.totalMilliseconds) ms, downtime \(stats.downtimeMilliseconds) ms, \(stats.transferredBytes / 1_048_576) MiB sent")
        try await source.migrate(instanceID: "m1", to: uri, tls: true)  // repeated after a crash: already done
        // What the agent hands over: the source's console, read after the transfer.
        let history = ConsoleHistory(try await source.consoleOutput(instanceID: "m1", lines: nil))
        #expect(history.text.contains(QEMUDriver.testGuestReadyMarker) && ticks(history.text).contains(before))
        // The destination's QEMU writes the guest's new lines before the history comes.
        #expect(await eventually(within: .seconds(10)) {
            ticks(ConsoleLog(path: to.folder("m1").consoleLog).tail(lines: nil)).count >= 1
        })
        try await destination.finishIncoming(instanceID: "m1", console: history)
        try await destination.finishIncoming(instanceID: "m1", console: history)  // repeated: one copy
        #expect(try await destination.observedGuests() == ["m1": .running])
        #expect(from.processes("m1").isEmpty, "the source's qemu ends with the transfer")
        #expect(try await source.observedGuests()["m1"] == .shutdown, "its folder stays until destroyed")

        // The same guest, still ticking: no second boot, the count goes on, after what it wrote before.
        #expect(try await eventually(within: .seconds(10)) { try await lastTick(destination) > before + 1 })
        let console = try await destination.consoleOutput(instanceID: "m1", lines: nil)
        #expect(console.hasPrefix(history.text), "the console from before the migration comes first")
        #expect(occurrences(of: QEMUDriver.testGuestReadyMarker, in: console) == 1, "booted once, on the source")
        let counted = ticks(console)
        #expect(counted.first == 1 && counted == Array(1...(counted.last ?? 0)), "every tick, in order, once: \(counted)")

        try await source.destroy(instanceID: "m1")
        try await destination.destroy(instanceID: "m1")
        #expect(from.processes("m1").isEmpty && to.processes("m1").isEmpty)
    }

    @Test func aDestinationRequiringTLSRefusesPlainAndForeignSenders() async throws {
        let (from, to) = (QEMUSandbox(), QEMUSandbox())
        defer { from.cleanUp(); to.cleanUp() }
        let authority = try MigrationCertificateAuthority.create(now: Date())
        let destination = try await host(to, "qemu-b", authority: authority)
        let plainSource = try await host(from, "qemu-a", authority: nil)
        try await plainSource.spawn(guest)

        // Plain into TLS: the destination's handshake fails; the guest runs on.
        var uri = try await destination.prepareIncoming(guest, tls: true)
        await #expect(throws: DriverError.self) { try await plainSource.migrate(instanceID: "m1", to: uri, tls: false) }
        #expect(try await plainSource.observedGuests() == ["m1": .running])

        // A sender with a certificate from another CA: the destination does not trust it.
        try await destination.destroy(instanceID: "m1")
        uri = try await destination.prepareIncoming(guest, tls: true)
        let stranger = try await host(from, "qemu-a", authority: try MigrationCertificateAuthority.create(now: Date()))
        await #expect(throws: DriverError.self) { try await stranger.migrate(instanceID: "m1", to: uri, tls: true) }
        #expect(try await stranger.observedGuests() == ["m1": .running], "the restarted driver re-adopted the guest")

        // The cloud's own certificate is accepted.
        try await destination.destroy(instanceID: "m1")
        uri = try await destination.prepareIncoming(guest, tls: true)
        let member = try await host(from, "qemu-a", authority: authority)
        try await member.migrate(instanceID: "m1", to: uri, tls: true)
        try await destination.finishIncoming(instanceID: "m1", console: .empty)
        #expect(try await destination.observedGuests() == ["m1": .running])
    }

    @Test func aGuestWithADiskTakesItAlong() async throws {
        let (from, to) = (QEMUSandbox(), QEMUSandbox())
        defer { from.cleanUp(); to.cleanUp() }
        let (source, destination, withDisk) = try await hostsWithDisks(from, to)
        try await source.spawn(withDisk)
        #expect(try await eventually(within: .seconds(20)) { try await lastTick(source) >= 1 })

        let uri = try await destination.prepareIncoming(withDisk, tls: true)
        #expect(FileManager.default.fileExists(atPath: to.folder("m1").disk), "the destination made its overlay")
        let before = try await lastTick(source)
        let stats = try #require(try await source.migrateReturningStats(instanceID: "m1", to: uri, tls: true))
        print("qemu: TLS live migration with a 1 GiB overlay disk took \(stats.totalMilliseconds) ms, downtime \(stats.downtimeMilliseconds) ms")
        try await destination.finishIncoming(
            instanceID: "m1", console: ConsoleHistory(try await source.consoleOutput(instanceID: "m1", lines: nil)))
        #expect(try await eventually(within: .seconds(10)) { try await lastTick(destination) > before + 1 })
    }

    /// A cold move's disk goes host to host: what the guest wrote on the source is on
    /// the destination's disk when it boots there; the export ends with the revert.
    @Test func aColdMoveCarriesTheOriginalsDisk() async throws {
        let (from, to) = (QEMUSandbox(), QEMUSandbox())
        defer { from.cleanUp(); to.cleanUp() }
        let (source, destination, withDisk) = try await hostsWithDisks(from, to)
        try await source.spawn(withDisk)
        try await source.powerOff(instanceID: "m1")
        // What the guest left on its disk (written while it is off).
        let io = URL(fileURLWithPath: try imageTool().executable).deletingLastPathComponent().path + "/qemu-io"
        try await ToolProcess.run(io, ["-f", "qcow2", "-c", "write -P 0x5a 4M 1M", from.folder("m1").disk])

        #expect(try await destination.exportDisk(instanceID: "m1") == nil, "a host without the guest has nothing to serve")
        let uri = try #require(try await source.exportDisk(instanceID: "m1"))
        #expect(uri.hasPrefix("nbd://127.0.0.1:"))
        #expect(try await source.exportDisk(instanceID: "m1") == uri, "repeating it finds the same export")

        var moved = withDisk
        moved.sourceDiskURI = uri
        moved.rootDiskGiB = 2  // a resize grows the disk
        try await destination.spawn(moved)
        let copied = try await ToolProcess.run(
            io, ["-r", "-U", "-f", "qcow2", "-c", "read -P 0x5a 4M 1M", to.folder("m1").disk])
        #expect(copied.contains("read 1048576/1048576 bytes"), "\(copied)")
        #expect(try await eventually(within: .seconds(15)) {
            try await destination.consoleOutput(instanceID: "m1", lines: nil).contains("disk: vda 2147483648")
        })

        // A revert: the original runs again and its export is gone.
        try await source.powerOn(instanceID: "m1")
        #expect(from.folder("m1").runningExportPID() == nil)
        try await source.destroy(instanceID: "m1")
        try await destination.destroy(instanceID: "m1")
    }
}
