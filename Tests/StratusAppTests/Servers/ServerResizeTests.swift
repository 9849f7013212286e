import Foundation
import StratusCore
import Testing

@Suite("Resize and cold migration")
struct ServerResizeTests {
    func claims(_ world: ServerWorld, _ id: String) async throws -> [String: String] {
        var found: [String: String] = [:]
        if let own = try await world.store.claim(instanceID: id) { found["own"] = own.hostID }
        if let moving = try await world.store.claim(instanceID: PendingMigration.claimID(id)) { found["migration"] = moving.hostID }
        return found
    }

    @Test func resizeThenConfirmKeepsOnlyTheNewSize() async throws {
        let world = try await ServerWorld(hosts: 2)
        let server = try await world.create(ServerWorld.demo)
        try await world.converge()
        let source = try #require(try await world.instance(server.id).hostID)

        try await world.compute.resizeServer(ServerWorld.demo, id: server.id, flavorRef: "2")
        #expect(try await world.instance(server.id).status == .resize)
        try await world.converge()
        let verifying = try await world.instance(server.id)
        #expect(verifying.status == .verifyResize)
        #expect(verifying.flavor.id == "2")
        let destination = try #require(verifying.hostID)
        #expect(try await claims(world, server.id) == ["own": source, "migration": destination])
        #expect(destination != source, "the spread weigher picks the empty host")
        // The original waits on the source, powered off, for a revert.
        let sourceDriver = world.drivers[source == "sim-1" ? 0 : 1]
        let destinationDriver = world.drivers[destination == "sim-1" ? 0 : 1]
        #expect(try await sourceDriver.observedGuests() == [server.id: .shutdown])
        #expect(try await destinationDriver.observedGuests() == [server.id: .running])

        #expect(try await world.store.migrations(ServerMigrationFilter(instanceID: server.id)).map(\.status) == [.finished])
        try await world.compute.confirmResize(ServerWorld.demo, id: server.id)
        try await world.converge()
        let records = try await world.store.migrations(ServerMigrationFilter(instanceID: server.id))
        #expect(records.map(\.status) == [.confirmed])
        #expect(records.first?.kind == .resize && records.first?.destinationCompute == destination)
        #expect(records.first?.oldFlavorID == "1" && records.first?.newFlavorID == "2")
        let confirmed = try await world.instance(server.id)
        #expect(confirmed.status == .active)
        #expect(confirmed.migration == nil)
        #expect(try await claims(world, server.id) == ["own": destination])
        let claim = try #require(try await world.store.claim(instanceID: server.id))
        #expect(claim.amounts.vcpus == 1 && claim.amounts.memoryMiB == 2048)
        #expect(try await world.guests() == [server.id: .running])
    }

    @Test func revertGoesBackToTheOriginalOnItsHost() async throws {
        let world = try await ServerWorld(hosts: 2)
        let server = try await world.create(ServerWorld.demo)
        try await world.converge()
        let source = try #require(try await world.instance(server.id).hostID)
        try await world.compute.resizeServer(ServerWorld.demo, id: server.id, flavorRef: "2")
        try await world.converge()
        try await world.compute.revertResize(ServerWorld.demo, id: server.id)
        #expect(try await world.instance(server.id).status == .revertResize)
        try await world.converge()
        let reverted = try await world.instance(server.id)
        #expect(reverted.status == .active)
        #expect(reverted.hostID == source)
        #expect(reverted.flavor.id == "1")
        #expect(try await claims(world, server.id) == ["own": source])
        #expect(try await world.guests() == [server.id: .running])
    }

    @Test func coldMigrationMovesToAnotherHostOrFailsBack() async throws {
        let world = try await ServerWorld(hosts: 2)
        let server = try await world.create(ServerWorld.demo)
        try await world.converge()
        let source = try #require(try await world.instance(server.id).hostID)
        let denied = await computeError { try await world.compute.migrateServer(ServerWorld.demo, id: server.id) }
        #expect(denied == .forbidden("Policy doesn't allow os_compute_api:os-migrate-server:migrate to be performed."))
        try await world.compute.migrateServer(ServerWorld.admin, id: server.id)
        try await world.converge()
        let moved = try await world.instance(server.id)
        #expect(moved.status == .verifyResize)
        #expect(moved.hostID != source)
        try await world.compute.confirmResize(ServerWorld.admin, id: server.id)
        try await world.converge()
        #expect(try await world.guests().count == 1)

        let lonely = try await ServerWorld(hosts: 1)
        let only = try await lonely.create(ServerWorld.demo)
        try await lonely.converge()
        try await lonely.compute.migrateServer(ServerWorld.admin, id: only.id)
        try await lonely.converge()
        let stayed = try await lonely.instance(only.id)
        #expect(stayed.status == .active)
        #expect(stayed.fault?.message.hasPrefix("No valid host was found") == true)
        #expect(try await claims(lonely, only.id) == ["own": "sim-1"])
    }

    @Test func refusalsAndQuota() async throws {
        var quotas = QuotaSet.novaDefaults
        quotas.cores = 2
        let world = try await ServerWorld(hosts: 1, quotas: quotas)
        let server = try await world.create(ServerWorld.demo)
        try await world.converge()
        let same = await computeError { try await world.compute.resizeServer(ServerWorld.demo, id: server.id, flavorRef: "1") }
        #expect(same == .badRequest("When resizing, instances must change flavor!"))
        let tooBig = await computeError { try await world.compute.resizeServer(ServerWorld.demo, id: server.id, flavorRef: "4") }
        #expect(tooBig == .forbidden("Quota exceeded for cores: Requested 3, but already used 1 of 2 cores"))
        #expect(try await world.instance(server.id).status == .active, "a refused resize changes nothing")
        let confirm = await computeError { try await world.compute.confirmResize(ServerWorld.demo, id: server.id) }
        #expect(confirm == .conflict("Cannot 'confirmResize' instance \(server.id) while it is in vm_state active"))
    }

    @Test func deletingAResizedServerFreesBothClaimsAndBothGuests() async throws {
        let world = try await ServerWorld(hosts: 2)
        let server = try await world.create(ServerWorld.demo)
        try await world.converge()
        try await world.compute.resizeServer(ServerWorld.demo, id: server.id, flavorRef: "2")
        try await world.converge()
        try await world.compute.deleteServer(ServerWorld.demo, id: server.id)
        try await world.converge()
        #expect(try await world.instance(server.id).state.vmState == .deleted)
        #expect(try await claims(world, server.id).isEmpty)
        #expect(try await world.guests().isEmpty)
        for host in try await world.store.computeHosts() {
            #expect(host.usage == ResourceAmounts(vcpus: 0, memoryMiB: 0, diskGiB: 0))
        }
    }
}
