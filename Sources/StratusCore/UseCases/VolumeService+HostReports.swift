import Foundation

/// What agents call about volumes: the attachments waiting for their host, and
/// what they did. Each report finishes the event of the request that asked, and
/// a report about an attachment that changed meanwhile (the server was deleted,
/// say) changes nothing.
extension VolumeService {
    public func pendingVolumeWork(hostID: String) async throws -> [VolumeAttachment] {
        try await store.pendingVolumeAttachments(hostID: hostID)
    }

    /// The guest sees the volume: the volume is in use.
    public func volumeAttached(_ attachment: VolumeAttachment, hostName: String) async throws {
        guard attachment.state == .attaching else { return }
        var next = attachment
        next.state = .attached
        next.attachedAt = clock.now()
        try await reporting([.updateVolumeAttachment(next, from: .attaching), finish(attachment, "compute_attach_volume", .success, hostName)])
    }

    /// The guest let the volume go: the attachment ends and the volume is available.
    public func volumeDetached(_ attachment: VolumeAttachment, hostName: String) async throws {
        guard attachment.state == .detaching else { return }
        try await reporting([.deleteVolumeAttachment(id: attachment.id, state: .detaching), finish(attachment, "compute_detach_volume", .success, hostName)])
    }

    /// The host could not do it: an attach is undone (the volume is available
    /// again), a detach leaves the volume attached; the event carries the reason.
    public func volumeChangeFailed(_ attachment: VolumeAttachment, hostName: String, message: String) async throws {
        switch attachment.state {
        case .attaching:
            try await reporting([
                .deleteVolumeAttachment(id: attachment.id, state: .attaching),
                finish(attachment, "compute_attach_volume", .error, hostName, traceback: message),
            ])
        case .detaching:
            var next = attachment
            next.state = .attached
            try await reporting([
                .updateVolumeAttachment(next, from: .detaching), finish(attachment, "compute_detach_volume", .error, hostName, traceback: message),
            ])
        case .attached:
            return
        }
    }

    private func finish(
        _ attachment: VolumeAttachment, _ event: String, _ result: InstanceActionEvent.Result, _ host: String,
        traceback: String? = nil
    ) -> StoreChange {
        .upsertInstanceActionEvent(
            instanceID: attachment.instanceID, requestID: attachment.requestID,
            InstanceActionEvent(
                event: event, startTime: attachment.requestedAt, finishTime: clock.now(), result: result, hostName: host,
                traceback: traceback))
    }

    /// A report whose attachment is gone (deleted with its server) is stale.
    private func reporting(_ changes: [StoreChange]) async throws {
        do {
            try await store.commit(changes)
        } catch StoreError.versionConflict {
            return
        }
    }
}
