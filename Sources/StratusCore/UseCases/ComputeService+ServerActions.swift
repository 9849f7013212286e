import Foundation

extension ComputeService {
    /// Power and lifecycle actions: start, stop, reboot, pause, unpause,
    /// suspend, resume. Each checks policy, lock and state, then commits the
    /// task, the instance action and the audit record together; the host's
    /// agent carries the task out.
    public func performServerAction(_ caller: Caller, id: String, _ action: ServerAction) async throws {
        guard let policyAction = Self.policyAction(for: action) else {
            throw ComputeError.badRequest("There is no such action: \(action.apiName)")
        }
        let instance = try await visibleInstance(caller, id: id)
        try authorize(policyAction, caller, target: ["project_id": instance.projectID])
        if action.requiresUnlocked { try requireUnlocked(instance, caller) }
        try await transition(instance, action: action, caller: caller, policyAction: policyAction)
    }

    /// Locks a server. The holder is "owner" when the caller's project owns the
    /// server and "admin" otherwise, as Nova records `locked_by`.
    public func lockServer(_ caller: Caller, id: String, reason: String?) async throws {
        var instance = try await visibleInstance(caller, id: id)
        try authorize(.lockServer, caller, target: ["project_id": instance.projectID])
        if let reason, reason.count > 255 {
            throw ComputeError.badRequest("Invalid input for field/attribute locked_reason. Value: \(reason). '\(reason)' is too long")
        }
        instance.lock = InstanceLock(holder: holder(of: instance, caller), reason: reason)
        try await commitRecorded(instance, action: "lock", caller: caller, policyAction: .lockServer)
    }

    /// Unlocks; lifting a lock someone else's role placed needs the override rule.
    public func unlockServer(_ caller: Caller, id: String) async throws {
        var instance = try await visibleInstance(caller, id: id)
        try authorize(.unlockServer, caller, target: ["project_id": instance.projectID])
        if let lock = instance.lock, lock.holder != holder(of: instance, caller) {
            try authorize(.unlockOverride, caller, target: ["project_id": instance.projectID])
        }
        instance.lock = nil
        try await commitRecorded(instance, action: "unlock", caller: caller, policyAction: .unlockServer)
    }

    private func holder(of instance: Instance, _ caller: Caller) -> InstanceLock.Holder {
        caller.auth.project?.id == instance.projectID ? .owner : .admin
    }

    /// Applies `action` through the state machine and commits it. A server that
    /// is on no host has nothing for an agent to do, so a delete finishes here.
    func transition(
        _ instance: Instance, action: ServerAction, caller: Caller, policyAction: ComputePolicy.Action
    ) async throws {
        var next = instance
        do {
            next.state = try InstanceStateMachine.begin(action, on: instance.state, instanceID: instance.id)
        } catch {
            throw error.computeError
        }
        let now = clock.now()
        next.updatedAt = now
        var events: [InstanceActionEvent] = []
        var extra: [StoreChange] = []
        if let task = next.state.taskState, task != instance.state.taskState || action == .delete {
            next.taskRequestID = caller.requestID
            if task == .deleting, instance.hostID == nil {
                next = Self.finishedDeleting(next, at: now)
                extra = try await networking.releasePorts(of: instance) + volumes.releaseVolumes(of: instance)
            } else {
                events.append(InstanceActionEvent(event: ServerEvents.hostEvent(for: task), startTime: now))
            }
        }
        try await commitRecorded(
            next, action: Self.actionName(action), caller: caller, policyAction: policyAction, events: events,
            extra: extra)
        if let host = next.hostID, next.state.taskState != nil { wakeups.host(host).ring() }
    }

    /// Commits an instance change with its instance action and audit record.
    func commitRecorded(
        _ instance: Instance, action: String, caller: Caller, policyAction: ComputePolicy.Action,
        events: [InstanceActionEvent] = [], extra: [StoreChange] = []
    ) async throws {
        var updated = instance
        updated.updatedAt = clock.now()
        do {
            try await store.commit(
                extra + recordedChanges(updated, action: action, caller: caller, policyAction: policyAction, events: events))
        } catch StoreError.versionConflict {
            // Another request changed the server between our read and write:
            // Nova's UnexpectedTaskStateError, a 409 the client may retry.
            throw Self.concurrentUpdate(instance.id)
        }
    }

    /// An instance change with its instance action and audit record, for a
    /// transaction that carries more (a claim, say).
    func recordedChanges(
        _ instance: Instance, action: String, caller: Caller, policyAction: ComputePolicy.Action,
        events: [InstanceActionEvent] = []
    ) -> [StoreChange] {
        [
            .updateInstance(instance),
            .insertInstanceAction(InstanceAction(
                instanceID: instance.id, requestID: caller.requestID, action: action,
                projectID: caller.auth.project?.id ?? instance.projectID, userID: caller.auth.user.id,
                startTime: instance.updatedAt, events: events)),
            audit(caller, policyAction.rawValue, "server", instance.id),
        ]
    }

    static func concurrentUpdate(_ id: String) -> ComputeError {
        .conflict("Conflict updating instance \(id). Another request changed it; try again.")
    }

    static func finishedDeleting(_ instance: Instance, at now: Date) -> Instance {
        var done = instance
        done.state = InstanceStateMachine.complete(instance.state)
        done.terminatedAt = now
        done.updatedAt = now
        return done
    }

    /// Nova's instance action names (`nova.compute.instance_actions`).
    static func actionName(_ action: ServerAction) -> String {
        switch action {
        case .delete, .forceDelete, .softDelete: "delete"
        case .rebootSoft, .rebootHard: "reboot"
        case .liveMigrate: "live-migration"
        default: action.apiName
        }
    }

    static func policyAction(for action: ServerAction) -> ComputePolicy.Action? {
        switch action {
        case .start: .startServer
        case .stop: .stopServer
        case .rebootSoft, .rebootHard: .rebootServer
        case .pause: .pauseServer
        case .unpause: .unpauseServer
        case .suspend: .suspendServer
        case .resume: .resumeServer
        // Soft delete is off (Nova's reclaim_instance_interval = 0), so no server is
        // ever SOFT_DELETED and a restore always meets the state machine's 409.
        case .restore: .restoreServer
        default: nil
        }
    }
}
