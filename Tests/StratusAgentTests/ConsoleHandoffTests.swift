import Foundation
import StratusAgent
import StratusCore
import Testing

/// A live migration hands the guest's console from the source's agent to the
/// destination's through the control plane (hosts share no files): the
/// destination shows what the guest wrote before the move, then what it writes after.
@Suite("Live migration hands the console over")
struct ConsoleHandoffTests {
    let hosts = SimulatedHosts.make(count: 2)
    let network = SimulatedMigrationNetwork()
    let spec = GuestSpec(instanceID: "m1", name: "mover", vcpus: 1, memoryMiB: 512)

    func drivers() -> (SimulatedDriver, SimulatedDriver) {
        (SimulatedDriver(address: "host-a", network: network), SimulatedDriver(address: "host-b", network: network))
    }

    /// The instance while its source sends it to `uri`.
    func sending(to uri: String) -> Instance {
        var instance = HostAgentTests.instance("m1", .active, task: .migrating, power: .running)
        instance.liveMigration = LiveMigration(
            sourceHostID: hosts[0].id, sourceHostName: hosts[0].name, targetHostID: hosts[1].id,
            targetHostName: hosts[1].name, phase: .listening, incomingURI: uri, tls: true, startedAt: Date())
        return instance
    }

    /// The same instance once the source reported the transfer with `console`.
    func arrived(_ instance: Instance, console: ConsoleHistory?) -> Instance {
        var moved = instance
        moved.hostID = hosts[1].id
        moved.hostName = hosts[1].name
        moved.liveMigration?.phase = .transferred
        moved.liveMigration?.consoleHistory = console
        return moved
    }

    @Test func theDestinationContinuesTheSourcesConsole() async throws {
        let (source, destination) = drivers()
        try await source.spawn(spec)
        try await source.reboot(instanceID: "m1", hard: false)
        let before = try await source.consoleOutput(instanceID: "m1", lines: nil)
        let uri = try await destination.prepareIncoming(spec, tls: true)

        let sourcePlane = RecordingControlPlane()
        await sourcePlane.setDesired([sending(to: uri)])
        try await HostAgent(host: hosts[0], driver: source, controlPlane: sourcePlane).reconcile()
        #expect(await sourcePlane.migrationReports.map(\.1) == ["transferred"])
        let carried = try #require(await sourcePlane.transferredConsoles["m1"])
        #expect(carried.text == before, "everything the source showed, read after the transfer")

        let destinationPlane = RecordingControlPlane()
        await destinationPlane.setDesired([arrived(sending(to: uri), console: carried)])
        let agent = HostAgent(host: hosts[1], driver: destination, controlPlane: destinationPlane)
        try await agent.reconcile()
        #expect(await destinationPlane.completed.map(\.1) == [.migrating])
        let after = try await destination.consoleOutput(instanceID: "m1", lines: nil)
        #expect(after == before + "[migrated] resumed on host-b\n", "the history first, then the guest's new output")
        #expect(try await destination.consoleOutput(instanceID: "m1", lines: 2)
            == "reboot: Restarting system\n[migrated] resumed on host-b\n", "a tail reaches across the hand-off")

        // A repeated finish (its report was lost, say) keeps one copy.
        try await agent.reconcile()
        #expect(try await destination.consoleOutput(instanceID: "m1", lines: nil) == after)
    }

    @Test func aConsoleThatCannotBeReadDoesNotUndoTheMove() async throws {
        let (source, destination) = drivers()
        try await source.spawn(spec)
        let uri = try await destination.prepareIncoming(spec, tls: true)
        await source.injectFailure(.consoleOutput)

        let plane = RecordingControlPlane()
        await plane.setDesired([sending(to: uri)])
        try await HostAgent(host: hosts[0], driver: source, controlPlane: plane).reconcile()
        #expect(await plane.migrationReports.map(\.1) == ["transferred"], "the guest moved: no failed migration")
        let carried = try #require(await plane.transferredConsoles["m1"])
        #expect(carried.text.contains("could not be read on sim-1: Injected failure of consoleOutput"))

        try await destination.finishIncoming(instanceID: "m1", console: carried)
        #expect(try await destination.consoleOutput(instanceID: "m1", lines: nil).hasPrefix(carried.text))
    }

    /// A record written before the transfer carried a console (or by an older agent)
    /// still finishes: the destination shows only its own output.
    @Test func noHistoryFinishesAsBefore() async throws {
        let (source, destination) = drivers()
        try await source.spawn(spec)
        let uri = try await destination.prepareIncoming(spec, tls: true)
        try await source.migrate(instanceID: "m1", to: uri, tls: true)
        let plane = RecordingControlPlane()
        await plane.setDesired([arrived(sending(to: uri), console: nil)])
        try await HostAgent(host: hosts[1], driver: destination, controlPlane: plane).reconcile()
        #expect(await plane.completed.map(\.1) == [.migrating])
        #expect(try await destination.consoleOutput(instanceID: "m1", lines: nil) == "[migrated] resumed on host-b\n")
    }

    /// The history travels in the control plane's record, so a large console is cut
    /// to what a console read can show.
    @Test func theCarriedHistoryIsBounded() async throws {
        let (source, destination) = drivers()
        try await source.spawn(spec)
        for _ in 0..<4000 { try await source.reboot(instanceID: "m1", hard: true) }  // over 100 KiB of lines
        let uri = try await destination.prepareIncoming(spec, tls: true)
        let plane = RecordingControlPlane()
        await plane.setDesired([sending(to: uri)])
        try await HostAgent(host: hosts[0], driver: source, controlPlane: plane).reconcile()
        let carried = try #require(await plane.transferredConsoles["m1"])
        #expect(carried.text.utf8.count <= ConsoleHistory.maxBytes)
        #expect(carried.text.hasPrefix("[    0.000000] hard reset\n"))
    }
}
