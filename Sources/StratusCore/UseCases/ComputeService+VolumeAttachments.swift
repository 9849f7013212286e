import Foundation

/// os-volume_attachments: Nova names an attachment by its volume's id. An attach
/// or detach checks policy, lock and state, then commits the attachment's new
/// state with the server's instance action and audit record; the host's agent
/// makes the guest see the change and reports it (`VolumeService+HostReports`).
extension ComputeService {
    /// Nova's `check_instance_state` for attach and detach: a settled server
    /// (no task) in one of these states.
    static let volumeActionStates: Set<VMState> = [.active, .paused, .stopped, .resized]

    public func volumeAttachments(_ caller: Caller, serverID: String) async throws -> [VolumeAttachment] {
        let instance = try await visibleInstance(caller, id: serverID)
        try authorize(.listVolumeAttachments, caller, target: ["project_id": instance.projectID])
        return try await volumes.attachments(of: [instance.id])[instance.id] ?? []
    }

    public func volumeAttachment(_ caller: Caller, serverID: String, volumeID: String) async throws -> VolumeAttachment {
        let instance = try await visibleInstance(caller, id: serverID)
        try authorize(.showVolumeAttachment, caller, target: ["project_id": instance.projectID])
        return try await attachment(of: instance, volumeID: volumeID)
    }

    /// The attachments of listed servers, by server id, in one read.
    public func volumeAttachments(of instances: [Instance]) async throws -> [String: [VolumeAttachment]] {
        guard !instances.isEmpty else { return [:] }
        return try await volumes.attachments(of: instances.map(\.id))
    }

    public func attachVolume(
        _ caller: Caller, serverID: String, volumeID: String, _ request: VolumeAttachRequest
    ) async throws -> VolumeAttachment {
        let instance = try await visibleInstance(caller, id: serverID)
        try authorize(.attachVolume, caller, target: ["project_id": instance.projectID])
        try requireUnlocked(instance, caller)
        try requireVolumeActionState(instance, verb: "attach_volume")
        let (attachment, changes) = try await volumes.planAttach(caller, volumeID: volumeID, to: instance, request: request)
        let event = InstanceActionEvent(event: "compute_attach_volume", startTime: attachment.createdAt)
        do {
            try await commitRecorded(
                instance, action: "attach_volume", caller: caller, policyAction: .attachVolume, events: [event],
                extra: changes)
        } catch StoreError.duplicate {
            // Another server took the volume between the check and the commit.
            throw ComputeError.badRequest("Invalid volume: volume '\(volumeID)' status must be 'available'. Currently in 'attaching'")
        }
        if let host = instance.hostID { wakeups.host(host).ring() }
        return attachment
    }

    /// Nova answers 400 unless the volume is in use (attached, not still attaching
    /// or already detaching).
    public func detachVolume(_ caller: Caller, serverID: String, volumeID: String) async throws {
        let instance = try await visibleInstance(caller, id: serverID)
        try authorize(.detachVolume, caller, target: ["project_id": instance.projectID])
        try requireUnlocked(instance, caller)
        try requireVolumeActionState(instance, verb: "detach_volume")
        var attachment = try await attachment(of: instance, volumeID: volumeID)
        guard attachment.state == .attached else {
            throw ComputeError.badRequest(
                "Invalid volume: Unable to detach volume. Volume status must be 'in-use' and attach_status must be 'attached' to detach.")
        }
        attachment.state = .detaching
        attachment.requestID = caller.requestID
        attachment.requestedAt = clock.now()
        let event = InstanceActionEvent(event: "compute_detach_volume", startTime: attachment.requestedAt)
        try await commitRecorded(
            instance, action: "detach_volume", caller: caller, policyAction: .detachVolume, events: [event],
            extra: [.updateVolumeAttachment(attachment, from: .attached)])
        if let host = instance.hostID { wakeups.host(host).ring() }
    }

    /// Below 2.85 an update is a swap, which only Cinder's service user may ask for
    /// (while it migrates a volume); Stratus has no volume migration.
    public func updateVolumeAttachment(_ caller: Caller, serverID: String, volumeID: String) async throws {
        let instance = try await visibleInstance(caller, id: serverID)
        try authorize(.updateVolumeAttachment, caller, target: ["project_id": instance.projectID])
        try authorize(.swapVolume, caller, target: ["project_id": instance.projectID])
        guard try await volumes.volumeExists(caller, id: volumeID) else {
            throw ComputeError.notFound("Volume \(volumeID) could not be found.")
        }
        throw ComputeError.conflict("volume \(volumeID) is not migrating; this API should only be called by Cinder")
    }

    /// Nova's own rule for its volume proxy (`/os-volumes`); Cinder's rules apply after it.
    public func authorizeVolumeProxy(_ caller: Caller, _ action: ComputePolicy.Action) throws {
        try authorize(action, caller)
    }

    private func attachment(of instance: Instance, volumeID: String) async throws -> VolumeAttachment {
        guard let found = try await volumes.attachments(of: [instance.id])[instance.id]?.first(where: { $0.volumeID == volumeID })
        else {
            throw ComputeError.notFound("Instance \(instance.id) is not attached to volume \(volumeID)")
        }
        return found
    }

    private func requireVolumeActionState(_ instance: Instance, verb: String) throws {
        guard Self.volumeActionStates.contains(instance.state.vmState) else {
            throw ComputeError.conflict(
                "Cannot '\(verb)' instance \(instance.id) while it is in vm_state \(instance.state.vmState.rawValue)")
        }
        if let task = instance.state.taskState {
            throw ComputeError.conflict("Cannot '\(verb)' instance \(instance.id) while it is in task_state \(task.rawValue)")
        }
    }
}
