/// When Nova accepts an action and what the API writes at once when it does: the
/// arguments of the action's `@check_instance_state` decorator in
/// `nova/compute/api.py` and the `task_state` its method saves before casting to a host.
public struct ServerActionRule: Sendable, Hashable {
    public var vmStates: StateRequirement<VMState>
    public var taskStates: StateRequirement<TaskState?>
    /// Nova's `must_have_launched`; true unless the method opts out (delete does, so
    /// a build that never ran can still be removed).
    public var requiresLaunch: Bool
    /// The task the API sets when it accepts; `nil` for actions that set none (they
    /// leave the state as it was).
    public var startsTask: TaskState?

    public init(
        vmStates: StateRequirement<VMState>,
        taskStates: StateRequirement<TaskState?> = .idle,
        requiresLaunch: Bool = true,
        startsTask: TaskState?
    ) {
        self.vmStates = vmStates
        self.taskStates = taskStates
        self.requiresLaunch = requiresLaunch
        self.startsTask = startsTask
    }

    /// An action Nova does not check the state for at all (no decorator).
    static func unchecked(startsTask: TaskState? = nil) -> ServerActionRule {
        ServerActionRule(vmStates: .any, taskStates: .any, requiresLaunch: false, startsTask: startsTask)
    }
}

extension ServerAction {
    /// Nova's `vm_states.ALLOW_HARD_REBOOT`.
    private static let hardRebootVMStates: Set<VMState> = [.active, .stopped, .paused, .suspended, .error]

    /// Nova's `task_states.ALLOW_REBOOT`: a hard reboot may interrupt a soft one, or a
    /// pause, unpause, suspend or resume that is stuck, but not a hard reboot stuck
    /// past its pending step.
    private static let hardRebootTaskStates: Set<TaskState?> = [
        nil, .rebooting, .rebootPending, .rebootStarted, .resuming,
        .rebootingHard, .unpausing, .pausing, .suspending,
    ]

    /// The vm_states Nova lists for snapshot, backup and shelve: a guest on its host
    /// with no move, rescue or failure pending.
    private static let imageVMStates: Set<VMState> = [.active, .stopped, .paused, .suspended]

    public var rule: ServerActionRule {
        switch self {
        case .delete:
            ServerActionRule(vmStates: .any, taskStates: .any, requiresLaunch: false, startsTask: .deleting)
        case .softDelete:
            ServerActionRule(vmStates: .any, taskStates: .any, startsTask: .softDeleting)
        case .forceDelete:
            ServerActionRule(vmStates: .any, taskStates: .any, requiresLaunch: false, startsTask: .deleting)
        case .restore:
            ServerActionRule(vmStates: .oneOf([.softDeleted]), startsTask: .restoring)
        case .start:
            ServerActionRule(vmStates: .oneOf([.stopped]), startsTask: .poweringOn)
        case .stop:
            ServerActionRule(vmStates: .oneOf([.active, .error]), startsTask: .poweringOff)
        case .rebootSoft:
            ServerActionRule(vmStates: .oneOf([.active]), startsTask: .rebooting)
        case .rebootHard:
            ServerActionRule(
                vmStates: .oneOf(Self.hardRebootVMStates), taskStates: .oneOf(Self.hardRebootTaskStates),
                startsTask: .rebootingHard)
        case .pause:
            ServerActionRule(vmStates: .oneOf([.active]), startsTask: .pausing)
        case .unpause:
            ServerActionRule(vmStates: .oneOf([.paused]), startsTask: .unpausing)
        case .suspend:
            ServerActionRule(vmStates: .oneOf([.active]), startsTask: .suspending)
        case .resume:
            ServerActionRule(vmStates: .oneOf([.suspended]), startsTask: .resuming)
        case .lock, .unlock, .getConsoleOutput, .update:
            .unchecked()
        case .rebuild:
            ServerActionRule(vmStates: .oneOf([.active, .stopped, .error]), startsTask: .rebuilding)
        case .resize, .migrate:
            ServerActionRule(vmStates: .oneOf([.active, .stopped]), startsTask: .resizePrep)
        case .confirmResize:
            // Nova records the confirmation on the migration, not on the instance.
            ServerActionRule(vmStates: .oneOf([.resized]), startsTask: nil)
        case .revertResize:
            ServerActionRule(vmStates: .oneOf([.resized]), startsTask: .resizeReverting)
        case .liveMigrate:
            ServerActionRule(vmStates: .oneOf([.active, .paused]), startsTask: .migrating)
        case .createImage:
            ServerActionRule(vmStates: .oneOf(Self.imageVMStates), startsTask: .imageSnapshotPending)
        case .createBackup:
            ServerActionRule(vmStates: .oneOf(Self.imageVMStates), startsTask: .imageBackup)
        case .changePassword:
            ServerActionRule(vmStates: .oneOf([.active]), startsTask: .updatingPassword)
        case .updateMetadata, .deleteMetadata:
            // Nova passes `task_state=None` here: metadata may change during any task.
            ServerActionRule(
                vmStates: .oneOf([.active, .paused, .suspended, .stopped]), taskStates: .any, startsTask: nil)
        case .shelve:
            ServerActionRule(vmStates: .oneOf(Self.imageVMStates), startsTask: .shelving)
        case .shelveOffload:
            ServerActionRule(vmStates: .oneOf([.shelved]), startsTask: .shelvingOffloading)
        case .unshelve:
            ServerActionRule(vmStates: .oneOf([.shelved, .shelvedOffloaded]), startsTask: .unshelving)
        case .rescue:
            ServerActionRule(vmStates: .oneOf([.active, .stopped, .error]), startsTask: .rescuing)
        case .unrescue:
            ServerActionRule(vmStates: .oneOf([.rescued]), startsTask: .unrescuing)
        case .triggerCrashDump:
            // Nova's `vm_states.ALLOW_TRIGGER_CRASH_DUMP`; the dump sets no task.
            ServerActionRule(vmStates: .oneOf([.active, .paused, .rescued, .resized, .error]), startsTask: nil)
        }
    }
}
