import Foundation
import StratusCore
import Testing
@testable import StratusAgent

/// Boots the real test guest. Runs only where QEMU and the built guest exist;
/// `QEMUSuiteAvailabilityTests` says so when it is skipped (and fails in CI).
@Suite(
    "QEMUDriver boots real guests", .serialized,
    .enabled(if: TestGuest.available, "needs qemu-system-x86_64 and scripts/build-test-guest.sh"))
struct QEMUDriverIntegrationTests {
    let sandbox = QEMUSandbox()
    let guest = GuestSpec(instanceID: "g1", name: "tiny", vcpus: 1, memoryMiB: 96,
                          rng: GuestRNG(rateBytes: 1024, ratePeriodMilliseconds: 1000))

    @Test func spawnReturnsOnceTheGuestIsUpWithItsHardwareRNG() async throws {
        defer { sandbox.cleanUp() }
        let driver = try await sandbox.driver()
        let started = ContinuousClock.now
        try await driver.spawn(guest)
        let boot = ContinuousClock.now - started
        #expect(try await driver.consoleOutput(instanceID: "g1", lines: nil).contains("STRATUS-GUEST-READY"))
        #expect(try await eventually(within: .seconds(10)) {
            hardwareRandomBytes(try await driver.consoleOutput(instanceID: "g1", lines: nil))?.count == 32
        })
        #expect(try await driver.observedGuests() == ["g1": .running])
        let pid = try #require(sandbox.pid("g1"))
        let rss = QEMUSandbox.residentMiB(pid)
        print("qemu: spawn to ready marker \(boot), RSS \(rss) MiB, \(await QEMUSandbox.acceleration.value)")
        #expect(rss > 0 && rss < 512)

        try await driver.destroy(instanceID: "g1")
        #expect(sandbox.processes("g1").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder("g1").path))
        #expect(try await driver.observedGuests().isEmpty)
        try await driver.destroy(instanceID: "g1")  // idempotent
    }

    @Test func pauseStopsTheGuestsClockAndUnpauseRestartsIt() async throws {
        defer { sandbox.cleanUp() }
        let driver = try await sandbox.driver()
        try await driver.spawn(guest)
        let console = { try await ticks(driver.consoleOutput(instanceID: "g1", lines: nil)).last ?? 0 }
        #expect(try await eventually(within: .seconds(10)) { try await console() >= 1 })

        try await driver.pause(instanceID: "g1")
        #expect(try await driver.observedGuests()["g1"] == .paused)
        let frozen = try await console()
        try await Task.sleep(for: .milliseconds(2500))
        #expect(try await console() == frozen)

        try await driver.unpause(instanceID: "g1")
        #expect(try await driver.observedGuests()["g1"] == .running)
        #expect(try await eventually(within: .seconds(5)) { try await console() > frozen })

        try await driver.suspend(instanceID: "g1")
        #expect(try await driver.observedGuests()["g1"] == .suspended)
        try await driver.resume(instanceID: "g1")
        #expect(try await driver.observedGuests()["g1"] == .running)
        try await driver.destroy(instanceID: "g1")
    }

    @Test func powerOffEndsTheProcessAndPowerOnOrRebootBootsAgain() async throws {
        defer { sandbox.cleanUp() }
        let driver = try await sandbox.driver()
        try await driver.spawn(guest)
        let first = try #require(sandbox.pid("g1"))

        let started = ContinuousClock.now
        try await driver.powerOff(instanceID: "g1")
        print("qemu: ACPI power-off took \(ContinuousClock.now - started)")
        #expect(sandbox.processes("g1").isEmpty)
        #expect(try await driver.observedGuests() == ["g1": .shutdown])
        try await driver.powerOff(instanceID: "g1")  // idempotent

        try await driver.powerOn(instanceID: "g1")
        #expect(try await driver.observedGuests() == ["g1": .running])
        #expect(sandbox.pid("g1") != first)
        try await driver.reboot(instanceID: "g1", hard: false)
        let console = try await driver.consoleOutput(instanceID: "g1", lines: nil)
        #expect(occurrences(of: "STRATUS-GUEST-READY", in: console) == 3)
        #expect(sandbox.processes("g1").count == 1)
        try await driver.destroy(instanceID: "g1")
    }

    @Test func aKilledQEMUIsObservedShutdownAndAHardRebootStartsIt() async throws {
        defer { sandbox.cleanUp() }
        let driver = try await sandbox.driver()
        try await driver.spawn(guest)
        let pid = try #require(sandbox.pid("g1"))
        kill(pid, SIGKILL)
        #expect(await eventually(within: .seconds(5)) { sandbox.processes("g1").isEmpty })
        #expect(try await driver.observedGuests() == ["g1": .shutdown])

        try await driver.reboot(instanceID: "g1", hard: true)
        #expect(try await driver.observedGuests() == ["g1": .running])
        try await driver.destroy(instanceID: "g1")
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder("g1").qmpSocket))
    }

    @Test func aNewDriverReadoptsARunningGuestWithoutStartingAnother() async throws {
        defer { sandbox.cleanUp() }
        try await sandbox.driver().spawn(guest)
        let pid = try #require(sandbox.pid("g1"))

        let restarted = try await sandbox.driver()
        #expect(try await restarted.observedGuests() == ["g1": .running])
        try await restarted.spawn(guest)  // the agent's retry after a restart
        #expect(sandbox.processes("g1") == [pid])
        try await restarted.pause(instanceID: "g1")
        #expect(try await restarted.observedGuests() == ["g1": .paused])
        try await restarted.destroy(instanceID: "g1")
        #expect(sandbox.processes("g1").isEmpty)
    }

    @Test func aGuestThatNeverShowsTheMarkerFailsTheSpawnAndLeavesNothing() async throws {
        defer { sandbox.cleanUp() }
        let driver = try await sandbox.driver(readyMarker: "NEVER-PRINTED", bootTimeout: .seconds(4))
        await #expect(throws: DriverError.self) { try await driver.spawn(guest) }
        #expect(sandbox.processes("g1").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder("g1").path))
        #expect(try await driver.observedGuests().isEmpty)
    }

    @Test func theAccelerationIsProbedNotAssumed() async throws {
        let choice = await QEMUSandbox.acceleration.value
        print("qemu: acceleration \(choice.acceleration.rawValue) (\(choice.reason))")
        if !FileManager.default.isReadableFile(atPath: "/dev/kvm") {
            #expect(choice.acceleration == .tcg)
        }
        #expect(choice.reason.contains("probe") || choice.reason.contains("no usable"))
    }
}

@Suite("QEMU integration suite availability")
struct QEMUSuiteAvailabilityTests {
    /// Says why the suite above was skipped; CI sets STRATUS_REQUIRE_QEMU_TESTS
    /// so a missing QEMU or guest fails instead of passing quietly.
    @Test func reportsWhetherTheSuiteRuns() {
        if let missing = TestGuest.missing {
            print("qemu: integration suite SKIPPED: \(missing)")
            #expect(ProcessInfo.processInfo.environment["STRATUS_REQUIRE_QEMU_TESTS"] == nil, "\(missing)")
        } else {
            print("qemu: integration suite runs (\(TestGuest.qemu ?? ""), guest in \(TestGuest.directory))")
        }
    }
}
