/// The `status` a server shows in the Compute API, derived from its vm_state and
/// task_state exactly as Nova's `status_from_state` reads `_STATE_MAP`
/// (`nova/api/openstack/common.py`). Clients poll this one word, so a task that Nova
/// does not list for a vm_state shows that vm_state's default (a pausing server is
/// still ACTIVE, a confirming resize still VERIFY_RESIZE).
public enum ServerStatus: String, Sendable, Hashable, CaseIterable {
    case active = "ACTIVE"
    case build = "BUILD"
    case reboot = "REBOOT"
    case hardReboot = "HARD_REBOOT"
    case password = "PASSWORD"
    case rebuild = "REBUILD"
    case migrating = "MIGRATING"
    case resize = "RESIZE"
    case verifyResize = "VERIFY_RESIZE"
    case revertResize = "REVERT_RESIZE"
    case paused = "PAUSED"
    case suspended = "SUSPENDED"
    case shutoff = "SHUTOFF"
    case rescue = "RESCUE"
    case error = "ERROR"
    case deleted = "DELETED"
    case softDeleted = "SOFT_DELETED"
    case shelved = "SHELVED"
    case shelvedOffloaded = "SHELVED_OFFLOADED"
    /// A vm_state Nova does not know (a bad upgrade or a damaged row).
    case unknown = "UNKNOWN"

    public init(vmState: VMState, taskState: TaskState?) {
        self = Self.override(vmState, taskState) ?? Self.default(vmState)
    }

    /// For values read back as text: an unknown vm_state is `UNKNOWN`, as in Nova; an
    /// unknown task_state is ignored, as a task missing from Nova's map is.
    public init(rawVMState: String, rawTaskState: String?) {
        guard let vmState = VMState(rawValue: rawVMState) else {
            self = .unknown
            return
        }
        self.init(vmState: vmState, taskState: rawTaskState.flatMap(TaskState.init(rawValue:)))
    }

    private static func `default`(_ vmState: VMState) -> ServerStatus {
        switch vmState {
        case .active: .active
        case .building: .build
        case .stopped: .shutoff
        case .resized: .verifyResize
        case .paused: .paused
        case .suspended: .suspended
        case .rescued: .rescue
        case .error: .error
        case .deleted: .deleted
        case .softDeleted: .softDeleted
        case .shelved: .shelved
        case .shelvedOffloaded: .shelvedOffloaded
        }
    }

    /// The (vm_state, task_state) pairs `_STATE_MAP` lists besides each default.
    private static func override(_ vmState: VMState, _ taskState: TaskState?) -> ServerStatus? {
        guard let taskState else { return nil }
        switch (vmState, taskState) {
        case (.active, .rebooting), (.active, .rebootPending), (.active, .rebootStarted):
            return .reboot
        case (.active, .rebootingHard), (.active, .rebootPendingHard), (.active, .rebootStartedHard):
            return .hardReboot
        case (.active, .updatingPassword):
            return .password
        case (.active, .rebuilding), (.active, .rebuildBlockDeviceMapping), (.active, .rebuildSpawning),
             (.stopped, .rebuilding), (.stopped, .rebuildBlockDeviceMapping), (.stopped, .rebuildSpawning),
             (.error, .rebuilding), (.error, .rebuildBlockDeviceMapping), (.error, .rebuildSpawning):
            return .rebuild
        case (.active, .migrating), (.paused, .migrating):
            return .migrating
        case (.active, .resizePrep), (.active, .resizeMigrating), (.active, .resizeMigrated), (.active, .resizeFinish),
             (.stopped, .resizePrep), (.stopped, .resizeMigrating), (.stopped, .resizeMigrated), (.stopped, .resizeFinish):
            return .resize
        case (.resized, .resizeReverting):
            return .revertResize
        default:
            return nil
        }
    }
}
