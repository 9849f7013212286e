import Foundation
import StratusCore
import Testing
@testable import StratusAgent

/// The agent's reconciler driving real guests: the same passes as with the
/// simulated driver, now ending in a booted (or removed) QEMU.
extension QEMUDriverIntegrationTests {
    static func instance(_ task: TaskState, _ vmState: VMState, power: PowerState) -> Instance {
        var flavor = Flavor(id: "q1", name: "q.tiny", vcpus: 1, memoryMiB: 96, rootDiskGiB: 1)
        flavor.extraSpecs = ["hw_rng:allowed": "true"]
        return Instance(
            id: "a1", name: "a1", projectID: "p", userID: "u", imageID: "img", flavor: flavor,
            state: InstanceState(vmState: vmState, taskState: task, powerState: power), hostID: "sim-1",
            createdAt: Date())
    }

    @Test func theHostAgentBuildsARealGuestRefusesItsDisklessSnapshotAndDeletesIt() async throws {
        defer { sandbox.cleanUp() }
        let driver = try await sandbox.driver()
        let plane = RecordingControlPlane()
        let agent = HostAgent(host: try #require(SimulatedHosts.make(count: 1).first), driver: driver, controlPlane: plane)

        await plane.setDesired([Self.instance(.spawning, .building, power: .noState)])
        try await agent.reconcile()
        #expect(await plane.completed.map(\.1) == [.spawning])
        #expect(await plane.failed.isEmpty)
        #expect(try await driver.observedGuests() == ["a1": .running])
        // The flavor's hw_rng:allowed gave the guest a virtio-rng device.
        #expect(try await eventually(within: .seconds(10)) {
            hardwareRandomBytes(try await driver.consoleOutput(instanceID: "a1", lines: nil)) != nil
        })

        await plane.setDesired([Self.instance(.imageUploading, .active, power: .running)])
        try await agent.reconcile()
        // A ramdisk-only guest has no disk to snapshot: refused with why, its initrd never uploaded.
        #expect(await plane.snapshots.isEmpty)
        #expect(await plane.failed.map(\.1) == [.imageUploading])
        #expect(await plane.failed.first?.2.contains("has no root disk") == true)

        await plane.setDesired([Self.instance(.deleting, .active, power: .running)])
        try await agent.reconcile()
        #expect(await plane.completed.map(\.1) == [.spawning, .deleting])
        #expect(sandbox.processes("a1").isEmpty)
        #expect(try await driver.observedGuests().isEmpty)
    }
}
