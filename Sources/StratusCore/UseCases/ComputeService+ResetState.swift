import Foundation

extension ComputeService {
    /// The states `os-resetState` may set (Nova's schema).
    public enum ResetState: String, Sendable, CaseIterable {
        case active, error
    }

    /// `os-resetState` (administrators): the vm_state is set and the task dropped,
    /// whatever the server was doing, as Nova's `admin_state_reset`. The host's agent
    /// then converges from the new desired state: an ACTIVE server whose guest is
    /// gone is reported SHUTOFF by the next power sync, an ERROR one is left alone.
    /// `injectNetworkInfo` (administrators): Nova hands it to the host's driver,
    /// and libvirt's does nothing with it. A Stratus guest reads its network
    /// configuration from its config drive at boot, so here too there is nothing
    /// to inject: after the policy and the lock it is accepted and changes nothing.
    public func injectNetworkInfo(_ caller: Caller, id: String) async throws {
        let instance = try await visibleInstance(caller, id: id)
        try authorize(.injectNetworkInfo, caller, target: ["project_id": instance.projectID])
        try requireUnlocked(instance, caller)
    }

    public func resetServerState(_ caller: Caller, id: String, to state: ResetState) async throws {
        let instance = try await visibleInstance(caller, id: id)
        try authorize(.resetServerState, caller, target: ["project_id": instance.projectID])
        var next = instance
        next.state.vmState = state == .active ? .active : .error
        next.state.taskState = nil
        (next.snapshotImageID, next.snapshotBackup) = (nil, nil)
        // An interrupted live migration ends where the server is recorded: before
        // the transfer the destination's room is given back, after it the source's.
        var extra: [StoreChange] = []
        if let live = next.liveMigration {
            extra = live.phase == .transferred
                ? finishLiveMigration(&next, .error)
                : [.releaseClaim(instanceID: PendingMigration.claimID(id)),
                   .updateCurrentMigration(instanceID: id, status: .error, destination: nil, at: clock.now())]
            next.liveMigration = nil
        }
        try await commitRecorded(next, action: "resetState", caller: caller, policyAction: .resetServerState, extra: extra)
        if let image = instance.snapshotImageID {
            // The snapshot the reset interrupted will not be finished.
            try? await snapshots.discardSnapshotImage(imageID: image, requestID: caller.requestID)
        }
        if let host = next.hostID { wakeups.host(host).ring() }
    }
}
