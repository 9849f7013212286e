import Foundation
import StratusAgent
import StratusCore
import Testing

/// Volumes and their attachments over a real store with real agents on
/// simulated drivers: the volume's status follows what the host did, a volume
/// is on one server at a time, and a server's delete lets its volumes go.
@Suite struct VolumeAttachmentTests {
    /// A fresh request id per call, as each API request has its own.
    var demo: Caller { ServerWorld.demo }

    private func activeServer(_ world: ServerWorld) async throws -> Instance {
        let created = try await world.create(demo)
        try await world.converge()
        let server = try await world.instance(created.id)
        #expect(server.state.vmState == .active)
        return server
    }

    private func status(_ world: ServerWorld, _ id: String) async throws -> String {
        try await world.volumes.volume(demo, id: id).status
    }

    @Test func attachThenDetachFollowsTheHost() async throws {
        let world = try await ServerWorld()
        let server = try await activeServer(world)
        let volume = try await world.volumes.createVolume(demo, VolumeDraft(name: "data", sizeGiB: 1)).volume
        #expect(try await status(world, volume.id) == "available")

        let attachment = try await world.compute.attachVolume(demo, serverID: server.id, volumeID: volume.id, VolumeAttachRequest())
        #expect(attachment.device == "/dev/vdb")
        // Committed, not yet done: the host has not seen it.
        #expect(try await status(world, volume.id) == "attaching")
        try await world.converge(passes: 1)
        #expect(try await status(world, volume.id) == "in-use")
        #expect(await world.driver(server.hostID).attachedVolumes(instanceID: server.id) == [volume.id: "/dev/vdb"])

        try await world.compute.detachVolume(demo, serverID: server.id, volumeID: volume.id)
        #expect(try await status(world, volume.id) == "detaching")
        try await world.converge(passes: 1)
        #expect(try await status(world, volume.id) == "available")
        #expect(await world.driver(server.hostID).attachedVolumes(instanceID: server.id).isEmpty)
        #expect(try await world.compute.volumeAttachments(demo, serverID: server.id).isEmpty)

        let actions = try await world.store.instanceActions(instanceID: server.id).map(\.action)
        #expect(actions.contains("attach_volume") && actions.contains("detach_volume"))
    }

    @Test func aVolumeIsOnOneServerAtATime() async throws {
        let world = try await ServerWorld()
        let first = try await activeServer(world)
        let second = try await activeServer(world)
        let volume = try await world.volumes.createVolume(demo, VolumeDraft(sizeGiB: 1)).volume
        // Both attach at once: the store's unique attachment per volume lets one through.
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for server in [first, second] {
                group.addTask {
                    (try? await world.compute.attachVolume(
                        ServerWorld.demo, serverID: server.id, volumeID: volume.id, VolumeAttachRequest())) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)
        try await world.converge(passes: 1)
        let error = await computeError {
            _ = try await world.compute.attachVolume(demo, serverID: second.id, volumeID: volume.id, VolumeAttachRequest())
        }
        #expect(error.map { if case .badRequest = $0 { true } else { false } } == true)
        // An attached volume cannot be deleted.
        let deleteError = await computeError { try await world.volumes.deleteVolume(demo, id: volume.id) }
        #expect(deleteError.map { if case .badRequest = $0 { true } else { false } } == true)
    }

    @Test func serverDeleteReleasesVolumesAndDeletesThoseMarked() async throws {
        let world = try await ServerWorld()
        let server = try await activeServer(world)
        let kept = try await world.volumes.createVolume(demo, VolumeDraft(sizeGiB: 1)).volume
        let dropped = try await world.volumes.createVolume(demo, VolumeDraft(sizeGiB: 2)).volume
        _ = try await world.compute.attachVolume(demo, serverID: server.id, volumeID: kept.id, VolumeAttachRequest())
        _ = try await world.compute.attachVolume(
            demo, serverID: server.id, volumeID: dropped.id, VolumeAttachRequest(deleteOnTermination: true))
        try await world.converge(passes: 1)
        #expect(try await world.compute.volumeAttachments(demo, serverID: server.id).map(\.device) == ["/dev/vdb", "/dev/vdc"])

        try await world.compute.deleteServer(demo, id: server.id)
        // Until the host destroyed the guest, the volumes stay attached.
        #expect(try await status(world, kept.id) == "in-use")
        try await world.converge(passes: 1)
        #expect(try await status(world, kept.id) == "available")
        let gone = await computeError { _ = try await world.volumes.volume(ServerWorld.demo, id: dropped.id) }
        #expect(gone == .notFound("Volume \(dropped.id) could not be found."))
    }

    @Test func aDriverFailureUndoesTheAttach() async throws {
        let world = try await ServerWorld()
        let server = try await activeServer(world)
        let volume = try await world.volumes.createVolume(demo, VolumeDraft(sizeGiB: 1)).volume
        await world.driver(server.hostID).injectFailure(.attachVolume)
        _ = try await world.compute.attachVolume(demo, serverID: server.id, volumeID: volume.id, VolumeAttachRequest())
        try await world.converge(passes: 1)
        #expect(try await status(world, volume.id) == "available")
        let action = try #require(try await world.store.instanceActions(instanceID: server.id).first { $0.action == "attach_volume" })
        #expect(action.events.first?.result == .error)
    }

    @Test func lockStateAndVisibilityAreChecked() async throws {
        let world = try await ServerWorld()
        let server = try await activeServer(world)
        let volume = try await world.volumes.createVolume(demo, VolumeDraft(sizeGiB: 1)).volume
        // Another project's volume does not exist for this server's owner.
        let foreign = try await world.volumes.createVolume(ServerWorld.other, VolumeDraft(sizeGiB: 1)).volume
        let notFound = await computeError {
            _ = try await world.compute.attachVolume(demo, serverID: server.id, volumeID: foreign.id, VolumeAttachRequest())
        }
        #expect(notFound == .notFound("Volume \(foreign.id) could not be found."))
        try await world.compute.lockServer(ServerWorld.admin, id: server.id, reason: nil)
        let locked = await computeError {
            _ = try await world.compute.attachVolume(demo, serverID: server.id, volumeID: volume.id, VolumeAttachRequest())
        }
        #expect(locked == .conflict("Instance \(server.id) is locked"))
        try await world.compute.unlockServer(ServerWorld.admin, id: server.id)
        try await world.compute.performServerAction(demo, id: server.id, .pause)
        // Mid-task (pausing) the server takes no volume.
        let busy = await computeError {
            _ = try await world.compute.attachVolume(demo, serverID: server.id, volumeID: volume.id, VolumeAttachRequest())
        }
        #expect(busy == .conflict("Cannot 'attach_volume' instance \(server.id) while it is in task_state pausing"))
        #expect(try await status(world, volume.id) == "available")
    }

    @Test func quotasAreCountedInTheTransaction() async throws {
        let world = try await ServerWorld()
        let limited = VolumeService(
            store: world.store, policy: try PolicyEngine(defaults: VolumePolicy.defaults),
            settings: VolumeSettings(volumeQuota: 3, gigabytesQuota: 5))
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask { (try? await limited.createVolume(ServerWorld.demo, VolumeDraft(sizeGiB: 1))) != nil }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 3)
        let tooBig = await computeError { _ = try await limited.createVolume(ServerWorld.other, VolumeDraft(sizeGiB: 6)) }
        #expect(tooBig.map { if case .overLimit(let text) = $0 { text.contains("gigabytes") } else { false } } == true)
    }
}
