import Foundation
import StratusAgent
import StratusCore
import Testing

/// Guests no instance of the host claims: the agent asks, describes each with what the
/// driver keeps, and destroys only what the control plane's verdict says to.
@Suite("HostAgent: unclaimed guests follow the control plane's verdict")
struct HostAgentStrayTests {
    static func instance(_ id: String) -> Instance {
        Instance(
            id: id, name: "vm-\(id)", projectID: "p", userID: "u", imageID: "img",
            flavor: Flavor(id: "1", name: "m1.tiny", vcpus: 1, memoryMiB: 512, rootDiskGiB: 1),
            state: InstanceState(vmState: .active, powerState: .running), hostID: "sim-1", createdAt: Date())
    }

    @Test func onlyTheVerdictDestroysAndEachGuestCarriesItsRecord() async throws {
        let plane = RecordingControlPlane()
        let driver = SimulatedDriver()
        let described = Self.instance("described")
        try await driver.spawn(GuestSpec(described))
        try await driver.spawn(GuestSpec(instanceID: "bare", vcpus: 1, memoryMiB: 64))
        try await driver.spawn(GuestSpec(instanceID: "leftover", vcpus: 1, memoryMiB: 64))
        await plane.setStrayVerdict(.keep, for: "described")
        await plane.setStrayVerdict(.adopted, for: "bare")
        let agent = HostAgent(host: try #require(SimulatedHosts.make(count: 1).first), driver: driver, controlPlane: plane)
        try await agent.reconcile()
        #expect(try await driver.observedGuests() == ["described": .running, "bare": .running])
        let asked = await plane.strays
        #expect(asked.map(\.instanceID) == ["bare", "described", "leftover"])
        #expect(asked.first { $0.instanceID == "described" }?.record == GuestRecord(described))
        #expect(asked.first { $0.instanceID == "bare" }?.record == nil)
    }

    @Test func noAnswerDestroysNothing() async throws {
        let plane = RecordingControlPlane()
        await plane.failStrayQuestions()
        let driver = SimulatedDriver()
        try await driver.spawn(GuestSpec(instanceID: "unclaimed", vcpus: 1, memoryMiB: 64))
        let agent = HostAgent(host: try #require(SimulatedHosts.make(count: 1).first), driver: driver, controlPlane: plane)
        await #expect(throws: DriverError.self) { try await agent.reconcile() }
        #expect(try await driver.observedGuests() == ["unclaimed": .running])
    }
}
