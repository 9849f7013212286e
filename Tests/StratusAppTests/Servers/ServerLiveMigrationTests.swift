import Foundation
import StratusAgent
import StratusCore
import Testing

@Suite("Live migration")
struct ServerLiveMigrationTests {
    func claims(_ world: ServerWorld, _ id: String) async throws -> [String: String] {
        var found: [String: String] = [:]
        if let own = try await world.store.claim(instanceID: id) { found["own"] = own.hostID }
        if let moving = try await world.store.claim(instanceID: PendingMigration.claimID(id)) { found["migration"] = moving.hostID }
        return found
    }

    func activeServer(_ world: ServerWorld) async throws -> (Instance, String) {
        let server = try await world.create(ServerWorld.demo)
        try await world.converge()
        let instance = try await world.instance(server.id)
        #expect(instance.status == .active)
        return (instance, try #require(instance.hostID))
    }

    func agent(_ world: ServerWorld, _ hostID: String) -> HostAgent {
        world.agents.first { $0.host.id == hostID }!
    }

    @Test func phasesMoveTheRunningGuestAndTheClaim() async throws {
        let world = try await ServerWorld(hosts: 2)
        let (server, source) = try await activeServer(world)
        let target = source == "sim-1" ? "sim-2" : "sim-1"

        try await world.compute.liveMigrateServer(ServerWorld.admin, id: server.id, host: nil)
        var moving = try await world.instance(server.id)
        #expect(moving.status == .migrating)
        #expect(moving.liveMigration?.phase == .preparing)
        #expect(moving.liveMigration?.targetHostID == target)
        #expect(moving.liveMigration?.tls == true)
        #expect(try await claims(world, server.id) == ["own": source, "migration": target])

        // The source waits for the destination; the destination prepares and reports.
        try await agent(world, source).reconcile()
        #expect(try await world.instance(server.id).liveMigration?.phase == .preparing)
        try await agent(world, target).reconcile()
        moving = try await world.instance(server.id)
        #expect(moving.liveMigration?.phase == .listening)
        #expect(moving.liveMigration?.incomingURI == "sim:\(target)/\(server.id)")
        #expect(try await world.driver(target).observedGuests() == [server.id: .paused])
        #expect(moving.hostID == source, "the database moves the instance only after the transfer")

        // The source sends; only then the instance is on the destination, with the
        // guest's console so far in the record for the destination to keep.
        let consoleBefore = try await world.driver(source).consoleOutput(instanceID: server.id, lines: nil)
        try await agent(world, source).reconcile()
        moving = try await world.instance(server.id)
        #expect(moving.liveMigration?.phase == .transferred)
        #expect(moving.hostID == target)
        #expect(moving.liveMigration?.consoleHistory == ConsoleHistory(consoleBefore))
        #expect(try await world.driver(target).observedGuests() == [server.id: .running])

        // The destination confirms; the source drops its stopped copy.
        try await world.converge()
        let done = try await world.instance(server.id)
        #expect(done.status == .active)
        #expect(done.liveMigration == nil)
        #expect(done.hostName == target)
        #expect(try await claims(world, server.id) == ["own": target])
        #expect(try await world.driver(source).observedGuests().isEmpty)
        let console = try await world.driver(target).consoleOutput(instanceID: server.id, lines: nil)
        #expect(console == consoleBefore + "[migrated] resumed on \(target)\n",
                "the guest continued, it did not boot again, and its console from before is kept")
        let actions = try await world.store.instanceActions(instanceID: server.id)
        #expect(actions.contains { $0.action == "live-migration" })
    }

    @Test func aFailedTransferLeavesTheServerRunningWhereItWas() async throws {
        let world = try await ServerWorld(hosts: 2)
        let (server, source) = try await activeServer(world)
        let target = source == "sim-1" ? "sim-2" : "sim-1"
        try await world.compute.liveMigrateServer(ServerWorld.admin, id: server.id, host: target)
        try await agent(world, target).reconcile()
        await world.driver(source).injectFailure(.migrate)
        try await agent(world, source).reconcile()
        let back = try await world.instance(server.id)
        #expect(back.status == .active)
        #expect(back.hostID == source)
        #expect(back.liveMigration == nil)
        #expect(try await claims(world, server.id) == ["own": source])
        // The destination's waiting guest is now a stray, and goes.
        try await world.converge()
        #expect(try await world.guests() == [server.id: .running])
        #expect(try await world.driver(target).observedGuests().isEmpty)
    }

    @Test func aDestinationThatCannotPrepareEndsTheMigration() async throws {
        let world = try await ServerWorld(hosts: 2)
        let (server, source) = try await activeServer(world)
        let target = source == "sim-1" ? "sim-2" : "sim-1"
        await world.driver(target).injectFailure(.prepareIncoming)
        try await world.compute.liveMigrateServer(ServerWorld.admin, id: server.id, host: target)
        try await world.converge()
        let back = try await world.instance(server.id)
        #expect(back.status == .active && back.hostID == source && back.liveMigration == nil)
        #expect(try await claims(world, server.id) == ["own": source])
    }

    @Test func aDestinationGoneBeforeTheTransferIsARefusedConnection() async throws {
        let world = try await ServerWorld(hosts: 2)
        let (server, source) = try await activeServer(world)
        let target = source == "sim-1" ? "sim-2" : "sim-1"
        try await world.compute.liveMigrateServer(ServerWorld.admin, id: server.id, host: target)
        try await agent(world, target).reconcile()
        // The waiting guest dies (its QEMU was killed, say).
        try await world.driver(target).destroy(instanceID: server.id)
        try await agent(world, source).reconcile()
        let back = try await world.instance(server.id)
        #expect(back.status == .active && back.hostID == source)
        let events = try await world.store.instanceActions(instanceID: server.id).flatMap(\.events)
        #expect(events.contains { $0.event == "compute_live_migration" && $0.result == .error })
    }

    @Test func deleteDuringMigrationCleansBothHosts() async throws {
        let world = try await ServerWorld(hosts: 2)
        let (server, source) = try await activeServer(world)
        let target = source == "sim-1" ? "sim-2" : "sim-1"
        try await world.compute.liveMigrateServer(ServerWorld.admin, id: server.id, host: target)
        try await agent(world, target).reconcile()
        try await world.compute.deleteServer(ServerWorld.admin, id: server.id)
        try await world.converge()
        #expect(try await world.instance(server.id).isDeleted)
        #expect(try await world.guests().isEmpty)
        #expect(try await claims(world, server.id).isEmpty)
    }

    @Test func resetStateDuringMigrationGivesTheDestinationRoomBack() async throws {
        let world = try await ServerWorld(hosts: 2)
        let (server, source) = try await activeServer(world)
        try await world.compute.liveMigrateServer(ServerWorld.admin, id: server.id, host: nil)
        try await world.compute.resetServerState(ServerWorld.admin, id: server.id, to: .active)
        #expect(try await claims(world, server.id) == ["own": source])
        try await world.converge()
        #expect(try await world.guests() == [server.id: .running])
        #expect(try await world.instance(server.id).hostID == source)
    }

    @Test func refusals() async throws {
        let world = try await ServerWorld(hosts: 2)
        let (server, source) = try await activeServer(world)
        let caller = ServerWorld.admin
        #expect(await computeError { try await world.compute.liveMigrateServer(ServerWorld.demo, id: server.id, host: nil) }
            == .policyDenied("os_compute_api:os-migrate-server:migrate_live"))
        #expect(await computeError { try await world.compute.liveMigrateServer(caller, id: server.id, host: "nowhere") }
            == .badRequest("Compute host nowhere could not be found."))
        #expect(await computeError { try await world.compute.liveMigrateServer(caller, id: server.id, host: source) }
            == .badRequest("Unable to migrate instance (\(server.id)) to current host (\(source))."))
        let shared = await computeError {
            try await world.compute.liveMigrateServer(caller, id: server.id, host: nil, blockMigration: .no)
        }
        guard case .badRequest(let sharedMessage)? = shared else { Issue.record("\(String(describing: shared))"); return }
        #expect(sharedMessage.contains("is not on shared storage"))
        try await world.compute.performServerAction(ServerWorld.demo, id: server.id, .stop)
        try await world.converge()
        #expect(await computeError { try await world.compute.liveMigrateServer(caller, id: server.id, host: nil) }
            == .conflict("Cannot 'os-migrateLive' instance \(server.id) while it is in vm_state stopped"))
    }

    @Test func aPlainHostCannotReceiveFromATLSHost() async throws {
        var hosts = SimulatedHosts.make(count: 3)
        hosts[1].traits.liveMigration?.transport = .plain
        hosts[2].traits.liveMigration = nil
        let world = try await ServerWorld(hostList: hosts)
        let server = try await world.create(ServerWorld.demo)
        try await world.converge()
        let source = try #require(try await world.instance(server.id).hostID)
        try #require(source == "sim-1", "the spread weigher starts on the first host")
        let plain = await computeError {
            try await world.compute.liveMigrateServer(ServerWorld.admin, id: server.id, host: "sim-2")
        }
        #expect(plain == .badRequest("Migration pre-check error: Host sim-2 requires plain migration traffic but sim-1 uses tls."))
        // No other host can take it: the scheduler finds none.
        let none = await computeError { try await world.compute.liveMigrateServer(ServerWorld.admin, id: server.id, host: nil) }
        guard case .badRequest(let noneMessage)? = none else { Issue.record("\(String(describing: none))"); return }
        #expect(noneMessage.hasPrefix("No valid host was found."))
        #expect(try await world.instance(server.id).liveMigration == nil)
    }

    @Test func theMigrationSwitch() async throws {
        let disabled = try await ServerWorld(hosts: 2, migration: .disabled)
        let (server, _) = try await activeServer(disabled)
        #expect(await computeError { try await disabled.compute.liveMigrateServer(ServerWorld.admin, id: server.id, host: nil) }
            == .forbidden("Migration is disabled in this cloud."))
        #expect(await computeError { try await disabled.compute.migrateServer(ServerWorld.admin, id: server.id) }
            == .forbidden("Migration is disabled in this cloud."))

        let allowed = try await ServerWorld(hosts: 2, migration: .allowed)
        let (own, _) = try await activeServer(allowed)
        try await allowed.compute.liveMigrateServer(ServerWorld.demo, id: own.id, host: nil)
        try await allowed.converge(passes: 3)
        #expect(try await allowed.instance(own.id).status == .active)
        // Choosing the destination stays an administrator's right.
        #expect(await computeError { try await allowed.compute.liveMigrateServer(ServerWorld.demo, id: own.id, host: "sim-1") }
            == .policyDenied("os_compute_api:os-migrate-server:migrate_live:host"))
        // Members of other projects do not even see the server.
        #expect(await computeError { try await allowed.compute.liveMigrateServer(ServerWorld.other, id: own.id, host: nil) }
            == .notFound("Instance \(own.id) could not be found."))
    }

    @Test func aDestinationThatNeverAnswersIsGivenUpOn() async throws {
        let world = try await ServerWorld(hosts: 2)
        let (server, source) = try await activeServer(world)
        let target = source == "sim-1" ? "sim-2" : "sim-1"
        try await world.compute.liveMigrateServer(ServerWorld.admin, id: server.id, host: target)
        #expect(try await world.compute.expireUnansweredLiveMigrations() == 0, "an up destination gets its time")

        // The destination's agent went silent before it prepared.
        var silent = try #require(SimulatedHosts.make(count: 2).first { $0.id == target })
        silent.lastHeartbeat = Date().addingTimeInterval(-3600)
        try await world.compute.registerHost(silent)
        #expect(try await world.compute.expireUnansweredLiveMigrations() == 1)
        let back = try await world.instance(server.id)
        #expect(back.status == .active && back.hostID == source && back.liveMigration == nil)
        #expect(try await claims(world, server.id) == ["own": source])
        let record = try #require(try await world.store.migrations(ServerMigrationFilter(instanceID: server.id)).first)
        #expect(record.status == .failed)

        // Or it is up but never prepares in time.
        try await world.compute.registerHost(SimulatedHosts.make(count: 2).first { $0.id == target }!)
        try await world.compute.liveMigrateServer(ServerWorld.admin, id: server.id, host: target)
        #expect(try await world.compute.expireUnansweredLiveMigrations(timeout: 0) == 1)
        #expect(try await world.instance(server.id).liveMigration == nil)
        // Once it listens, ending it is the agents' business.
        try await world.compute.liveMigrateServer(ServerWorld.admin, id: server.id, host: target)
        try await agent(world, target).reconcile()
        #expect(try await world.compute.expireUnansweredLiveMigrations(timeout: 0) == 0)
    }

    /// A move keeps the server's placement rules: a flavor that needs a hardware
    /// RNG never lands on a host without one, live or cold, though that host is emptier.
    @Test func movesKeepTheSecurityProfilesRequirements() async throws {
        var hosts = SimulatedHosts.make(count: 3)
        hosts[1].traits.hasHardwareRNG = false
        let world = try await ServerWorld(hostList: hosts)
        try await world.store.commit([.setFlavorExtraSpecs(flavorID: "1", specs: ["trait:HW_RNG": "required"])])
        let server = try await world.create(ServerWorld.demo)
        try await world.converge()
        #expect(try await world.instance(server.id).hostID == "sim-1")

        try await world.compute.liveMigrateServer(ServerWorld.admin, id: server.id, host: nil)
        #expect(try await world.instance(server.id).liveMigration?.targetHostID == "sim-3")
        try await world.converge(passes: 3)
        #expect(try await world.instance(server.id).hostID == "sim-3")

        try await world.compute.migrateServer(ServerWorld.admin, id: server.id)
        try await world.converge(passes: 4)  // off, disk handed over, started there
        #expect(try await world.instance(server.id).hostID == "sim-1", "cold: not sim-2 either")
        try await world.compute.confirmResize(ServerWorld.demo, id: server.id)
        try await world.converge()
        let forced = await computeError { try await world.compute.liveMigrateServer(ServerWorld.admin, id: server.id, host: "sim-2") }
        guard case .badRequest(let message)? = forced else { Issue.record("\(String(describing: forced))"); return }
        #expect(message.hasPrefix("No valid host was found."), "not even when an administrator names it")
    }
}
