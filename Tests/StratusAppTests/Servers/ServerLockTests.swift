import Foundation
import StratusCore
import Testing

/// Nova's lock rules, from the captured samples 12–20.
@Suite("Server locks")
struct ServerLockTests {
    @Test func anAdminsLockStopsTheOwnerUntilAnAdminLiftsIt() async throws {
        let world = try await ServerWorld()
        let server = try await world.create(ServerWorld.demo)
        try await world.converge()
        try await world.compute.lockServer(ServerWorld.admin, id: server.id, reason: "maintenance by ops")
        let locked = try await world.instance(server.id)
        #expect(locked.lock == InstanceLock(holder: .admin, reason: "maintenance by ops"))

        let reboot = await computeError { try await world.compute.performServerAction(ServerWorld.demo, id: server.id, .rebootSoft) }
        #expect(reboot == .conflict("Instance \(server.id) is locked"))
        let delete = await computeError { try await world.compute.deleteServer(ServerWorld.demo, id: server.id) }
        #expect(delete == .conflict("Instance \(server.id) is locked"))
        let unlock = await computeError { try await world.compute.unlockServer(ServerWorld.demo, id: server.id) }
        #expect(unlock == .forbidden("Policy doesn't allow os_compute_api:os-lock-server:unlock:unlock_override to be performed."))

        // Administrators are not held by locks.
        try await world.compute.performServerAction(ServerWorld.admin, id: server.id, .rebootSoft)
        try await world.converge()
        try await world.compute.unlockServer(ServerWorld.admin, id: server.id)
        #expect(try await world.instance(server.id).lock == nil)
        try await world.compute.performServerAction(ServerWorld.demo, id: server.id, .stop)
    }

    @Test func anOwnersLockIsTheOwnersToLift() async throws {
        let world = try await ServerWorld()
        let server = try await world.create(ServerWorld.demo)
        try await world.compute.lockServer(ServerWorld.demo, id: server.id, reason: nil)
        #expect(try await world.instance(server.id).lock == InstanceLock(holder: .owner))
        try await world.compute.unlockServer(ServerWorld.demo, id: server.id)
        #expect(try await world.instance(server.id).lock == nil)
    }

    @Test func lockedServersFilterAndMetadataRefusal() async throws {
        let world = try await ServerWorld()
        let first = try await world.create(ServerWorld.demo, name: "a")
        _ = try await world.create(ServerWorld.demo, name: "b")
        try await world.compute.lockServer(ServerWorld.admin, id: first.id, reason: nil)
        let locked = try await world.compute.listServers(ServerWorld.demo, ServerListFilter(locked: true), detail: true)
        #expect(locked.map(\.name) == ["a"])
        let metadata = await computeError {
            _ = try await world.compute.changeServerMetadata(ServerWorld.demo, id: first.id, .set(key: "k", value: "v"))
        }
        #expect(metadata == .conflict("Instance \(first.id) is locked"))
    }
}
