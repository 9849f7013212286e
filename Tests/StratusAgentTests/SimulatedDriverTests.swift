import StratusAgent
import StratusCore
import Testing

@Suite("SimulatedDriver keeps the idempotent driver contract")
struct SimulatedDriverTests {
    @Test func spawnTwiceIsOneGuest() async throws {
        let driver = SimulatedDriver()
        let spec = GuestSpec(instanceID: "i-1", vcpus: 1, memoryMiB: 512)
        try await driver.spawn(spec)
        try await driver.spawn(spec)
        #expect(try await driver.observedGuests() == ["i-1": .running])
    }

    @Test func destroyOfUnknownGuestSucceeds() async throws {
        let driver = SimulatedDriver()
        try await driver.spawn(GuestSpec(instanceID: "i-1", vcpus: 1, memoryMiB: 512))
        try await driver.destroy(instanceID: "i-2")
        try await driver.destroy(instanceID: "i-1")
        try await driver.destroy(instanceID: "i-1")
        #expect(try await driver.observedGuests().isEmpty)
    }

    @Test func powerActionsMoveTheGuest() async throws {
        let driver = SimulatedDriver()
        try await driver.spawn(GuestSpec(instanceID: "i-1", name: "web", vcpus: 1, memoryMiB: 512))
        try await driver.pause(instanceID: "i-1")
        #expect(try await driver.observedGuests()["i-1"] == .paused)
        try await driver.unpause(instanceID: "i-1")
        try await driver.suspend(instanceID: "i-1")
        #expect(try await driver.observedGuests()["i-1"] == .suspended)
        try await driver.resume(instanceID: "i-1")
        try await driver.powerOff(instanceID: "i-1")
        #expect(try await driver.observedGuests()["i-1"] == .shutdown)
        try await driver.powerOn(instanceID: "i-1")
        #expect(try await driver.observedGuests()["i-1"] == .running)
        #expect(try await driver.consoleOutput(instanceID: "i-1", lines: 1) == "web login:\n")
    }

    @Test func injectedFailuresFailThenClear() async throws {
        let driver = SimulatedDriver()
        await driver.injectFailure(.spawn, times: 2)
        let spec = GuestSpec(instanceID: "i-1", vcpus: 1, memoryMiB: 512)
        await #expect(throws: DriverError("Injected failure of spawn")) { try await driver.spawn(spec) }
        await #expect(throws: DriverError.self) { try await driver.spawn(spec) }
        try await driver.spawn(spec)
        #expect(try await driver.observedGuests() == ["i-1": .running])
    }

    @Test func powerActionsOnAMissingGuestFail() async throws {
        let driver = SimulatedDriver()
        await #expect(throws: DriverError.self) { try await driver.powerOn(instanceID: "nope") }
    }
}
