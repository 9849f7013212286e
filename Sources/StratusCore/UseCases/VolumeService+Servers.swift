import Foundation

/// Compute's side of volumes (`ServerVolumes`): what attaching needs checked and
/// written, planned for compute's transaction.
extension VolumeService: ServerVolumes {
    public func attachments(of instanceIDs: [String]) async throws -> [String: [VolumeAttachment]] {
        Dictionary(grouping: try await store.volumeAttachments(instanceIDs: instanceIDs), by: \.instanceID)
    }

    /// Nova's checks before it reserves a volume: the caller sees it, it is not
    /// attached anywhere (no multiattach), and the device asked for is free.
    public func planAttach(
        _ caller: Caller, volumeID: String, to instance: Instance, request: VolumeAttachRequest
    ) async throws -> (VolumeAttachment, [StoreChange]) {
        guard let volume = try await store.volume(id: volumeID), volume.isVisible(to: caller.auth) else {
            throw Self.notFound(volumeID)
        }
        let current = try await store.volumeAttachments(volumeIDs: [volumeID])[volumeID]
        if let current, current.instanceID == instance.id {
            throw ComputeError.badRequest("Invalid volume: volume \(volumeID) already attached")
        }
        let status = volume.status(attachment: current)
        guard status == "available" else {
            throw ComputeError.badRequest(
                "Invalid volume: volume '\(volumeID)' status must be 'available'. Currently in '\(status)'")
        }
        let taken = try await store.volumeAttachments(instanceIDs: [instance.id]).map(\.device)
        guard var device = VolumeAttachment.nextDevice(taken: taken) else {
            throw ComputeError.forbidden("The maximum allowed number of disk devices (25) to attach to a single instance has been exceeded.")
        }
        // Like libvirt, the name asked for is kept only when it is free; the guest names its disks itself.
        if let asked = request.device, asked.hasPrefix("/dev/vd"), asked != "/dev/vda", !taken.contains(asked) {
            device = asked
        }
        let attachment = VolumeAttachment(
            id: ids.newUUID(), volumeID: volumeID, instanceID: instance.id, device: device, tag: request.tag,
            deleteOnTermination: request.deleteOnTermination, requestID: caller.requestID, createdAt: clock.now())
        return (attachment, [.insertVolumeAttachment(attachment)])
    }

    public func volumeExists(_ caller: Caller, id: String) async throws -> Bool {
        try await store.volume(id: id)?.isVisible(to: caller.auth) ?? false
    }

    public func releaseVolumes(of instance: Instance) async throws -> [StoreChange] {
        let attachments = try await store.volumeAttachments(instanceIDs: [instance.id])
        return attachments.map { .deleteVolumeAttachment(id: $0.id, state: nil) }
            + attachments.filter(\.deleteOnTermination).map { .deleteVolume(id: $0.volumeID) }
    }
}
