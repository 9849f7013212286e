import StratusAgent
import Testing

@Suite("SimulatedDriver keeps the idempotent driver contract")
struct SimulatedDriverTests {
    @Test func ensureRunningTwiceIsOneGuest() async throws {
        let driver = SimulatedDriver()
        let spec = GuestSpec(instanceID: "i-1", vcpus: 1, memoryMiB: 512)
        try await driver.ensureRunning(spec)
        try await driver.ensureRunning(spec)
        #expect(try await driver.observedGuests() == ["i-1": .running])
    }

    @Test func ensureAbsentOfUnknownGuestSucceeds() async throws {
        let driver = SimulatedDriver()
        try await driver.ensureRunning(GuestSpec(instanceID: "i-1", vcpus: 1, memoryMiB: 512))
        try await driver.ensureAbsent(instanceID: "i-2")
        try await driver.ensureAbsent(instanceID: "i-1")
        try await driver.ensureAbsent(instanceID: "i-1")
        #expect(try await driver.observedGuests().isEmpty)
    }
}
