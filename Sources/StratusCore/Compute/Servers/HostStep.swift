import Foundation

/// What a host's agent does next for one instance, decided from the desired
/// state in the database and what the hypervisor shows. Pure, so the whole
/// convergence table is tested without a host; the agent only executes it.
public enum HostStep: Sendable, Equatable {
    /// Nothing differs.
    case none
    case spawn
    /// Re-create the guest from the instance's (new) image.
    case rebuild
    case destroy
    case powerOn
    case powerOff
    case reboot(hard: Bool)
    case pause
    case unpause
    case suspend
    case resume
    /// Read the guest's disk into the snapshot's image, then report.
    case snapshot
    /// Live migration, destination: start a guest that waits for the incoming
    /// state, and report where it listens.
    case prepareIncoming
    /// Live migration, source: send the guest to the destination at `uri`, and
    /// report once the hypervisor says the transfer is complete.
    case migrateOut(uri: String)
    /// Live migration, destination, after the transfer: check the guest runs here.
    case finishIncoming
    /// Cold migration or resize, source: serve the powered-off original's disk to
    /// the destination, and report where.
    case exportDisk
    /// The work is done (or needs no host): report the task complete.
    case complete
    /// No task runs, but the guest is not in the power state its vm_state
    /// promises (it died, or was shut down from inside): report what was seen.
    case reportPower(PowerState)

    /// The step for `instance` when the hypervisor shows `observed` (nil: no guest).
    /// When an instance has a task, the agent reports it complete as soon as the
    /// step succeeds; a step that finds the guest already where the task leads
    /// is `complete` itself, which makes a repeated pass harmless.
    ///
    /// `hostID` is the host asking: when it is not the instance's host, it is the
    /// source of a pending resize or migration and keeps the original powered
    /// off until the move is confirmed (then it is a stray) or reverted.
    public static func next(for instance: Instance, observed: PowerState?, onHost hostID: String) -> HostStep {
        next(for: HostGuest(instance), observed: observed, onHost: hostID)
    }

    /// The step on the instance's own host.
    public static func next(for instance: Instance, observed: PowerState?) -> HostStep {
        next(for: HostGuest(instance), observed: observed)
    }

    /// The step for a guest as its host was told of it (`HostGuest`, what the host
    /// protocol carries); the `Instance` forms above are the same rules.
    public static func next(for instance: HostGuest, observed: PowerState?, onHost hostID: String) -> HostStep {
        if let live = instance.liveMigration, let step = liveMigration(instance, live, observed: observed, onHost: hostID) {
            return step
        }
        guard instance.hostID == hostID else {
            let on = observed == .running || observed == .paused || observed == .suspended
            // The source of a move hands its original's disk over once the original is off.
            // (An original that is gone has no disk: the export says so.)
            if let migration = instance.move, migration.sourceHostID == hostID, migration.sourceDisk == nil,
               instance.state.taskState == .resizeMigrating {
                return on ? .powerOff : .exportDisk
            }
            return on ? .powerOff : .none
        }
        return next(for: instance, observed: observed)
    }

    /// The step on the guest's own host.
    public static func next(for instance: HostGuest, observed: PowerState?) -> HostStep {
        guard let task = instance.state.taskState else {
            return steady(instance.state, observed: observed)
        }
        switch task {
        case .scheduling:
            return .none  // not the host's yet
        case .networking, .blockDeviceMapping, .spawning:
            return observed == nil ? .spawn : .complete
        case .rebuilding, .rebuildBlockDeviceMapping, .rebuildSpawning:
            // Nothing observable tells an old guest from a rebuilt one, so the
            // rebuild is done whenever asked; a crash before the report rebuilds
            // once more, as a retried Nova rebuild would.
            return observed == nil ? .spawn : .rebuild
        case .deleting, .softDeleting, .shelvingOffloading:
            return observed == nil ? .complete : .destroy
        case .poweringOff, .shelving, .shelvingImagePendingUpload, .shelvingImageUploading:
            return observed == .running || observed == .paused || observed == .suspended ? .powerOff : .complete
        case .poweringOn, .restoring, .unshelving:
            return observed == nil ? .spawn : observed == .running ? .complete : .powerOn
        case .rebooting, .rebootPending, .rebootStarted:
            // A reboot leaves no trace to observe: it is done whenever asked, and
            // a crash before the report only reboots the guest once more.
            return observed == nil ? .spawn : .reboot(hard: false)
        case .rebootingHard, .rebootPendingHard, .rebootStartedHard:
            return observed == nil ? .spawn : .reboot(hard: true)
        case .resizePrep:
            return .none  // waiting for the scheduler to choose a destination
        case .resizeMigrating, .resizeMigrated, .resizeFinish:
            // The destination starts the guest at its new size, from the original's
            // disk once the source serves it (on the same host there is nothing to fetch).
            guard observed == nil else { return .complete }
            if let migration = instance.move, migration.sourceHostID != instance.hostID,
               migration.sourceDisk == nil {
                return .none
            }
            return .spawn
        case .resizeReverting:
            // Back on the source, where the original was kept powered off.
            guard let observed else { return .spawn }
            if observed != .running && instance.state.powerState == .running { return .powerOn }
            return .complete
        case .pausing:
            return observed == .paused ? .complete : .pause
        case .unpausing:
            return observed == .paused ? .unpause : .complete
        case .suspending:
            return observed == .suspended ? .complete : .suspend
        case .resuming:
            return observed == .suspended ? .resume : .complete
        case .imageSnapshotPending, .imageSnapshot, .imagePendingUpload, .imageUploading, .imageBackup:
            // With no guest there is no disk: the driver says so and the task fails.
            return .snapshot
        default:
            // Tasks with no host work in Stratus (a `migrating` left without its
            // migration record, …) are completed so the server does not stay stuck.
            return .complete
        }
    }

    /// The steps of a live migration (`LiveMigration`'s phases), nil where the
    /// usual rules apply: on the instance's own host once the migration is no
    /// longer its task (a delete that interrupted it, say).
    private static func liveMigration(
        _ instance: HostGuest, _ live: LiveMigration, observed: PowerState?, onHost hostID: String
    ) -> HostStep? {
        let migrating = instance.state.taskState == .migrating
        let isSource = hostID == live.sourceHostID
        guard isSource || hostID == live.targetHostID else { return nil }
        let ownsInstance = instance.hostID == hostID
        guard migrating else {
            // The peer of an interrupted migration drops its copy; the owner goes on as usual.
            return ownsInstance ? nil : (observed == nil ? HostStep.none : .destroy)
        }
        switch (live.phase, isSource) {
        case (.preparing, false): return .prepareIncoming  // idempotent: an existing listener is reported again
        case (.preparing, true), (.listening, false): return HostStep.none
        case (.listening, true): return live.incomingURI.map { .migrateOut(uri: $0) } ?? HostStep.none
        // The guest left: what stays on the source is its stopped copy.
        case (.transferred, true): return observed == nil ? HostStep.none : .destroy
        case (.transferred, false): return .finishIncoming
        }
    }

    private static func steady(_ state: InstanceState, observed: PowerState?) -> HostStep {
        switch state.vmState {
        case .active:
            if observed == .running { return state.powerState == .running ? .none : .reportPower(.running) }
            return .reportPower(observed ?? .noState)
        case .paused, .suspended:
            let expected: PowerState = state.vmState == .paused ? .paused : .suspended
            if observed == expected { return .none }
            return .reportPower(observed ?? .noState)
        case .stopped, .shelved, .softDeleted:
            // Powered off on purpose: keep it off (Nova's power sync stops it again).
            if observed == .running || observed == .paused || observed == .suspended { return .powerOff }
            return .none
        case .resized where state.powerState == .shutdown:
            // Powered off on purpose: keep it off (Nova's power sync stops it again).
            if observed == .running || observed == .paused || observed == .suspended { return .powerOff }
            return .none
        default:
            return .none
        }
    }
}
