extension InstanceStateMachine {
    /// The state Nova's compute manager writes when the running task succeeds, with the
    /// power state the hypervisor is expected to report (the power sync corrects it
    /// if the hypervisor says otherwise). Any step of a multi-step task completes the
    /// whole action: a resize at `resize_migrated` finishes as one at `resize_prep`.
    ///
    /// Some tasks end in a further task, as in Nova, so a reconciler keeps completing
    /// until the task is `nil`:
    /// - a rebuild of a stopped server powers it back off (`active`, `powering-off`);
    /// - reverting a resize of a server that was stopped powers it off (`resized`,
    ///   `powering-off`);
    /// - shelving offloads at once when `offloadShelved` is true, Nova's default
    ///   `shelved_offload_time = 0` (`shelved`, `shelving_offloading`);
    /// - unshelving a server that was not offloaded powers it on (`shelved`,
    ///   `powering-on`).
    ///
    /// With no task running there is nothing to complete and `state` is returned.
    /// Confirming a resize sets no task; see `completeConfirmResize`.
    public static func complete(_ state: InstanceState, offloadShelved: Bool = true) -> InstanceState {
        guard let task = state.taskState else { return state }
        var next = state
        next.taskState = nil
        switch task {
        case .scheduling, .blockDeviceMapping, .networking, .spawning:
            next.set(.active, .running)
            next.hasLaunched = true
        case .unshelving where state.vmState == .shelved:
            // Still on its host: Nova's conductor just powers it back on.
            next.taskState = .poweringOn
        case .unshelving, .unpausing, .resuming, .poweringOn, .unrescuing, .restoring:
            next.set(.active, .running)
        case .imageSnapshot, .imageSnapshotPending, .imagePendingUpload, .imageUploading, .imageBackup,
             .updatingPassword, .migrating:
            break
        case .resizePrep, .resizeMigrating, .resizeMigrated, .resizeFinish:
            // The guest is powered on at the destination only if it was running before.
            next.set(.resized, state.vmState == .stopped ? .shutdown : .running)
        case .resizeReverting:
            // Nova reads the pre-resize vm_state from system metadata; a server that
            // was stopped is still powered off while it waits in `resized`.
            if state.powerState == .shutdown {
                next.taskState = .poweringOff
            } else {
                next.set(.active, .running)
            }
        case .resizeConfirming:
            next = completeConfirmResize(next)
        case .rebooting, .rebootPending, .rebootStarted,
             .rebootingHard, .rebootPendingHard, .rebootStartedHard:
            // Nova does not take a rescued guest out of rescue by rebooting it.
            next.set(state.vmState == .rescued ? .rescued : .active, .running)
        case .pausing:
            next.set(.paused, .paused)
        case .suspending:
            next.set(.suspended, .suspended)
        case .poweringOff:
            next.set(.stopped, .shutdown)
        case .rescuing:
            next.set(.rescued, .running)
        case .rebuilding, .rebuildBlockDeviceMapping, .rebuildSpawning:
            next.set(.active, .running)
            if state.vmState == .stopped {
                next.taskState = .poweringOff
            }
        case .deleting:
            next.set(.deleted, .noState)
        case .softDeleting:
            next.set(.softDeleted, .shutdown)
        case .shelving, .shelvingImagePendingUpload, .shelvingImageUploading:
            next.set(.shelved, .shutdown)
            if offloadShelved {
                next.taskState = .shelvingOffloading
            }
        case .shelvingOffloading:
            next.set(.shelvedOffloaded, .shutdown)
        }
        return next
    }

    /// A confirmed resize leaves `resized` for `stopped` if the guest is powered off
    /// and for `active` otherwise: Nova looks at the power state rather than the
    /// pre-resize state, because the user may have powered the guest up meanwhile.
    public static func completeConfirmResize(_ state: InstanceState) -> InstanceState {
        var next = state
        next.vmState = state.powerState == .shutdown ? .stopped : .active
        next.taskState = nil
        return next
    }
}

extension InstanceState {
    fileprivate mutating func set(_ vmState: VMState, _ powerState: PowerState) {
        self.vmState = vmState
        self.powerState = powerState
    }
}
