import Foundation
import StratusCore
import Testing
@testable import StratusAgent

/// A host configured with an EGD daemon: its guests' virtio-rng reads from it.
@Suite(
    "QEMUDriver feeds guests from an EGD daemon", .serialized,
    .enabled(if: TestGuest.available, "needs qemu-system-x86_64 and scripts/build-test-guest.sh"))
struct QEMUEntropySourceTests {
    let sandbox = QEMUSandbox()
    let guest = GuestSpec(instanceID: "g1", name: "tiny", vcpus: 1, memoryMiB: 96, rng: GuestRNG())

    @Test func anEGDDaemonFeedsTheGuestsHardwareRNG() async throws {
        defer { sandbox.cleanUp() }
        let egd = try FakeEGDServer(fill: 0xab)
        let driver = try QEMUDriver(
            configuration: .init(
                dataDirectory: sandbox.dataDirectory, acceleration: await QEMUSandbox.acceleration.value.acceleration,
                powerOffTimeout: .seconds(20), entropySource: .egd(socket: egd.path)),
            images: FixedGuestImage(TestGuest.image))
        try await driver.spawn(guest)
        #expect(try await eventually(within: .seconds(15)) {
            hardwareRandomBytes(try await driver.consoleOutput(instanceID: "g1", lines: nil)) != nil
        })
        let bytes = hardwareRandomBytes(try await driver.consoleOutput(instanceID: "g1", lines: nil))
        #expect(bytes == String(repeating: "ab", count: 16), "the guest's /dev/hwrng reads the daemon's bytes")
        #expect(egd.bytesServed >= 16)
        try await driver.destroy(instanceID: "g1")
    }
}
