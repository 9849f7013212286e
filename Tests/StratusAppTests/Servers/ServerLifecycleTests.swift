import Foundation
import StratusCore
import Testing

/// A server's life through the use cases, the scheduler reconciler and a real
/// agent on a simulated host, checking the state after every step.
@Suite("Server lifecycle")
struct ServerLifecycleTests {
    @Test func createIsAcceptedThenPlacedThenActive() async throws {
        let world = try await ServerWorld()
        let created = try await world.create(ServerWorld.demo, name: "web")
        #expect(created.status == .build)
        #expect(created.state.taskState == .scheduling)
        #expect(try await world.instance(created.id).hostID == nil)

        try await world.compute.scheduleUnplaced()
        let placed = try await world.instance(created.id)
        #expect(placed.hostID == "sim-1")
        #expect(placed.state.taskState == .spawning)
        #expect(try await world.store.claim(instanceID: created.id)?.hostID == "sim-1")

        try await world.agents[0].reconcile()
        let active = try await world.instance(created.id)
        #expect(active.status == .active)
        #expect(active.state.powerState == .running)
        #expect(active.launchedAt != nil)
        #expect(try await world.guests()[created.id] == .running)

        let actions = try await world.store.instanceActions(instanceID: created.id)
        #expect(actions.map(\.action) == ["create"])
        let events = try #require(actions.first?.events)
        #expect(Set(events.map(\.event)) == [ServerEvents.schedule, ServerEvents.build])
        #expect(events.allSatisfy { $0.result == .success && $0.finishTime != nil })
    }

    @Test func stopThenStopAgainIsAConflictWorthNovasWords() async throws {
        let world = try await ServerWorld()
        let server = try await world.create(ServerWorld.demo)
        try await world.converge()
        try await world.compute.performServerAction(ServerWorld.demo, id: server.id, .stop)
        #expect(try await world.instance(server.id).state.taskState == .poweringOff)
        try await world.converge()
        let stopped = try await world.instance(server.id)
        #expect(stopped.status == .shutoff)
        #expect(try await world.guests()[server.id] == .shutdown)
        let error = await computeError { try await world.compute.performServerAction(ServerWorld.demo, id: server.id, .stop) }
        #expect(error == .conflict("Cannot 'stop' instance \(server.id) while it is in vm_state stopped"))

        try await world.compute.performServerAction(ServerWorld.demo, id: server.id, .start)
        try await world.converge()
        #expect(try await world.instance(server.id).status == .active)
        #expect(try await world.guests()[server.id] == .running)
    }

    @Test func pauseSuspendRebootReachTheGuest() async throws {
        let world = try await ServerWorld()
        let server = try await world.create(ServerWorld.demo)
        try await world.converge()
        let steps: [(ServerAction, ServerStatus, PowerState)] = [
            (.pause, .paused, .paused), (.unpause, .active, .running), (.suspend, .suspended, .suspended),
            (.resume, .active, .running), (.rebootSoft, .active, .running), (.rebootHard, .active, .running),
        ]
        for (action, status, power) in steps {
            try await world.compute.performServerAction(ServerWorld.demo, id: server.id, action)
            try await world.converge()
            let instance = try await world.instance(server.id)
            #expect(instance.status == status, "\(action)")
            #expect(try await world.guests()[server.id] == power, "\(action)")
        }
        let names = try await world.store.instanceActions(instanceID: server.id).map(\.action)
        #expect(names == ["reboot", "reboot", "resume", "suspend", "unpause", "pause", "create"])
    }

    @Test func rebuildRecreatesTheGuestAndKeepsAStoppedServerStopped() async throws {
        let newImage = Image(
            id: "11111111-2222-3333-4444-555555555555", name: "new", status: .active, visibility: .public,
            owner: "P-admin", containerFormat: "bare", diskFormat: "raw", size: 10)
        let world = try await ServerWorld(images: [
            Image(id: ServerWorld.imageID, name: "test", status: .active, visibility: .public, owner: "P-admin",
                  containerFormat: "bare", diskFormat: "raw", size: 10), newImage,
        ])
        let server = try await world.create(ServerWorld.demo)
        try await world.converge()
        let (rebuilding, password) = try await world.compute.rebuildServer(
            ServerWorld.demo, id: server.id, RebuildRequest(imageRef: newImage.id, name: "renamed"))
        #expect(rebuilding.status == .rebuild)
        #expect(rebuilding.imageID == newImage.id)
        #expect(rebuilding.name == "renamed")
        #expect(password.count == 12)
        try await world.converge()
        #expect(try await world.instance(server.id).status == .active)

        try await world.compute.performServerAction(ServerWorld.demo, id: server.id, .stop)
        try await world.converge()
        _ = try await world.compute.rebuildServer(ServerWorld.demo, id: server.id, RebuildRequest(imageRef: ServerWorld.imageID))
        try await world.converge(passes: 3)
        #expect(try await world.instance(server.id).status == .shutoff)
        #expect(try await world.guests()[server.id] == .shutdown)
        let missing = await computeError {
            _ = try await world.compute.rebuildServer(ServerWorld.demo, id: server.id, RebuildRequest(imageRef: "nope"))
        }
        #expect(missing == .badRequest("Image nope could not be found."))
    }

    @Test func deleteOfAPlacedServerWaitsForItsHost() async throws {
        let world = try await ServerWorld()
        let server = try await world.create(ServerWorld.demo)
        try await world.converge()
        try await world.compute.deleteServer(ServerWorld.demo, id: server.id)
        let deleting = try await world.instance(server.id)
        #expect(deleting.state.taskState == .deleting)
        #expect(deleting.state.vmState == .active)
        // Nothing is "deleted" before the host destroyed it: the claim is still held.
        #expect(try await world.store.claim(instanceID: server.id) != nil)

        try await world.converge()
        let deleted = try await world.instance(server.id)
        #expect(deleted.state.vmState == .deleted)
        #expect(deleted.terminatedAt != nil)
        #expect(try await world.store.claim(instanceID: server.id) == nil)
        #expect(try await world.guests()[server.id] == nil)
        let error = await computeError { _ = try await world.compute.getServer(ServerWorld.demo, id: server.id) }
        #expect(error == .notFound("Instance \(server.id) could not be found."))
        let host = try #require(try await world.store.computeHosts().first)
        #expect(host.usage == ResourceAmounts(vcpus: 0, memoryMiB: 0, diskGiB: 0))
    }

    @Test func deleteOfAnUnplacedServerFinishesAtOnce() async throws {
        let world = try await ServerWorld()
        let server = try await world.create(ServerWorld.demo)
        try await world.compute.deleteServer(ServerWorld.demo, id: server.id)
        #expect(try await world.instance(server.id).state.vmState == .deleted)
        try await world.converge()
        #expect(try await world.store.claim(instanceID: server.id) == nil)
        #expect(try await world.guests().isEmpty)
    }

    @Test func deleteDuringSpawnEndsDeletedWithNothingLeft() async throws {
        let world = try await ServerWorld()
        let server = try await world.create(ServerWorld.demo)
        try await world.compute.scheduleUnplaced()
        try await world.compute.deleteServer(ServerWorld.demo, id: server.id)
        try await world.converge()
        #expect(try await world.instance(server.id).state.vmState == .deleted)
        #expect(try await world.guests().isEmpty)
        #expect(try await world.store.claim(instanceID: server.id) == nil)
    }

    @Test func noHostMeansErrorWithNovasFault() async throws {
        let world = try await ServerWorld(hosts: 0)
        let server = try await world.create(ServerWorld.demo)
        try await world.compute.scheduleUnplaced()
        let failed = try await world.instance(server.id)
        #expect(failed.status == .error)
        #expect(failed.fault?.code == 500)
        #expect(failed.fault?.message == "No valid host was found. There are not enough hosts available.")
        let event = try #require(try await world.store.instanceActions(instanceID: server.id).first)
        #expect(event.message == "Error")
        // An errored build can still be deleted, at once (no host).
        try await world.compute.deleteServer(ServerWorld.demo, id: server.id)
        #expect(try await world.instance(server.id).state.vmState == .deleted)
    }

    @Test func aFailedSpawnIsErrorAndGivesItsClaimBack() async throws {
        let world = try await ServerWorld()
        await world.drivers[0].injectFailure(.spawn)
        let server = try await world.create(ServerWorld.demo)
        try await world.compute.scheduleUnplaced()
        try await world.agents[0].reconcile()
        let failed = try await world.instance(server.id)
        #expect(failed.status == .error)
        #expect(failed.fault?.message == "Injected failure of spawn")
        #expect(failed.hostID == nil)
        #expect(try await world.store.claim(instanceID: server.id) == nil)
    }

    @Test func aGuestThatDiesIsShownShutoffAfterOnePass() async throws {
        let world = try await ServerWorld()
        let server = try await world.create(ServerWorld.demo)
        try await world.converge()
        await world.drivers[0].simulateGuestExit(instanceID: server.id)
        try await world.agents[0].reconcile()
        let instance = try await world.instance(server.id)
        #expect(instance.status == .shutoff)
        #expect(instance.state.powerState == .shutdown)
    }

    /// A guest whose server the database never had goes under `--stray-guests destroy`;
    /// under the default (adopt) one its host cannot describe stays running.
    @Test func aStrayGuestIsDestroyedOnlyByThatPolicy() async throws {
        let world = try await ServerWorld(strayGuests: .destroy)
        try await world.drivers[0].spawn(.init(instanceID: "stray", vcpus: 1, memoryMiB: 64))
        try await world.agents[0].reconcile()
        #expect(try await world.guests()["stray"] == nil)
        let adopting = try await ServerWorld()
        try await adopting.drivers[0].spawn(.init(instanceID: "stray", vcpus: 1, memoryMiB: 64))
        try await adopting.agents[0].reconcile()
        #expect(try await adopting.guests()["stray"] == .running)
    }

    @Test func anotherProjectsServerIsNotFound() async throws {
        let world = try await ServerWorld()
        let server = try await world.create(ServerWorld.demo)
        let error = await computeError { _ = try await world.compute.getServer(ServerWorld.other, id: server.id) }
        #expect(error == .notFound("Instance \(server.id) could not be found."))
        let stop = await computeError { try await world.compute.performServerAction(ServerWorld.other, id: server.id, .stop) }
        #expect(stop == .notFound("Instance \(server.id) could not be found."))
        #expect(try await world.compute.getServer(ServerWorld.admin, id: server.id).id == server.id)
        #expect(try await world.compute.listServers(ServerWorld.other, ServerListFilter(), detail: true).isEmpty)
    }
}
