import Foundation

/// What agents call: read their host's desired state, report what they did
/// and saw. Reports name the task they finish, so a stale report (the user
/// asked for something else meanwhile) changes nothing.
extension ComputeService {
    public func desiredGuests(hostID: String) async throws -> [HostGuest] {
        try await store.instances(hostID: hostID).map(HostGuest.init)
    }

    /// The ports of a server the host is about to start (or receive), as it plugs them in.
    public func guestInterfaces(of instance: Instance) async throws -> [GuestInterface] {
        try await networking.guestInterfaces(of: instance)
    }

    /// The ports of a server of `hostID` (its own, or the destination of its live
    /// migration); another host's server is not found: hosts see their own guests only.
    public func guestInterfaces(instanceID: String, hostID: String) async throws -> [GuestInterface] {
        guard let instance = try await store.instance(id: instanceID),
              instance.hostID == hostID || instance.liveMigration?.targetHostID == hostID
        else { throw ComputeError.notFound("Instance \(instanceID) could not be found.") }
        return try await networking.guestInterfaces(of: instance)
    }

    /// The host finished `task`: the state machine's completion is committed
    /// with the event's end. A finished delete also frees the claim, in the
    /// same transaction: a server is deleted only once its host destroyed it.
    public func completeTask(instanceID: String, task: TaskState, hostID: String) async throws {
        try await retryingConflicts {
            guard let instance = try await store.instance(id: instanceID), instance.hostID == hostID,
                  instance.state.taskState == task
            else { return }
            let now = clock.now()
            var next = instance
            next.state = InstanceStateMachine.complete(instance.state)
            next.updatedAt = now
            if next.state.hasLaunched && instance.launchedAt == nil { next.launchedAt = now }
            next.fault = next.state.vmState == .active ? nil : instance.fault
            var changes: [StoreChange] = []
            if TaskState.snapshotTasks.contains(task) { (next.snapshotImageID, next.snapshotBackup) = (nil, nil) }
            if task == .migrating { changes += finishLiveMigration(&next, .completed) }
            if [.resizeMigrating, .resizeMigrated, .resizeFinish].contains(task) {
                changes.append(.updateCurrentMigration(instanceID: instanceID, status: .finished, destination: nil, at: now))
            }
            if next.state.vmState == .deleted {
                next.terminatedAt = now
                next.migration = nil
                next.liveMigration = nil
                (next.snapshotImageID, next.snapshotBackup) = (nil, nil)
                changes.append(.releaseClaim(instanceID: instanceID))
                changes.append(.releaseClaim(instanceID: PendingMigration.claimID(instanceID)))
                // A move the delete cut short ends with it.
                changes.append(.updateCurrentMigration(instanceID: instanceID, status: .error, destination: nil, at: now))
                // Ports outlive nothing: they go (or are unbound) with the server.
                changes += try await networking.releasePorts(of: instance)
                // Attachments go with the guest; volumes marked delete_on_termination too.
                changes += try await volumes.releaseVolumes(of: instance)
            }
            changes.append(.updateInstance(next))
            changes += finishEvent(instance, ServerEvents.hostEvent(for: task), .success, host: instance.hostName)
            try await store.commit(changes)
            if next.state.vmState == .deleted, let image = instance.snapshotImageID {
                // Deleted mid-snapshot: the snapshot's image never gets its data.
                try? await snapshots.discardSnapshotImage(imageID: image, requestID: instance.taskRequestID ?? "")
            }
            if next.state.taskState != nil { wakeups.host(hostID).ring() }
        }
    }

    /// The host could not do `task`. A build becomes ERROR with its fault and
    /// gives its claim back; a failed delete becomes ERROR so the user can
    /// retry; any other task is dropped and the server keeps its state.
    public func failTask(instanceID: String, task: TaskState, hostID: String, message: String) async throws {
        try await retryingConflicts {
            guard let instance = try await store.instance(id: instanceID), instance.hostID == hostID,
                  instance.state.taskState == task
            else { return }
            let now = clock.now()
            var next = instance
            next.state.taskState = nil
            next.updatedAt = now
            next.fault = InstanceFault(code: 500, message: message, createdAt: now)
            (next.snapshotImageID, next.snapshotBackup) = (nil, nil)
            var changes: [StoreChange] = []
            switch task {
            case .scheduling, .networking, .blockDeviceMapping, .spawning:
                next.state.vmState = .error
                next.hostID = nil
                changes.append(.releaseClaim(instanceID: instanceID))
            case .deleting:
                next.state.vmState = .error
            case .migrating:
                // Only the destination fails this late (after the transfer): the
                // instance is there now, whatever state its guest is in.
                changes += finishLiveMigration(&next, .error)
            default:
                break
            }
            changes.append(.updateInstance(next))
            changes += finishEvent(instance, ServerEvents.hostEvent(for: task), .error, host: instance.hostName,
                                   traceback: message)
            try await store.commit(changes)
            if let image = instance.snapshotImageID {
                try? await snapshots.discardSnapshotImage(imageID: image, requestID: instance.taskRequestID ?? "")
            }
        }
    }

    /// The host saw a guest off the power state its vm_state promises, with no
    /// task running. As Nova's power sync: a server that should run but does
    /// not is stopped (SHUTOFF); otherwise the observed power is recorded.
    public func observePower(instanceID: String, hostID: String, power: PowerState) async throws {
        try await retryingConflicts {
            guard let instance = try await store.instance(id: instanceID), instance.hostID == hostID,
                  instance.state.taskState == nil, instance.state.powerState != power || power != .running
            else { return }
            var next = instance
            next.state.powerState = power
            if [.active, .paused, .suspended].contains(instance.state.vmState), power != .running,
               !(instance.state.vmState == .paused && power == .paused),
               !(instance.state.vmState == .suspended && power == .suspended) {
                next.state.vmState = .stopped
                next.state.powerState = .shutdown
            }
            guard next != instance else { return }
            next.updatedAt = clock.now()
            try await store.commit([.updateInstance(next)])
        }
    }

    /// Re-reads and retries when a user's write slipped in between.
    func retryingConflicts(_ body: () async throws -> Void) async throws {
        for attempt in 1...5 {
            do {
                return try await body()
            } catch StoreError.versionConflict where attempt < 5 {
                continue
            }
        }
    }
}
