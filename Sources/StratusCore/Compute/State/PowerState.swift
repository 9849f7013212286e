/// What the hypervisor last said about the guest: Nova's `power_state`, stored as
/// Nova's integer codes (`nova/compute/power_state.py`), so 2 and 5 are unused.
///
/// The hypervisor is the authority; the stored value is a snapshot of its word, set
/// when a task ends and corrected by the periodic power sync. The API never decides
/// on it: actions are allowed or refused by `VMState` and `TaskState` only.
public enum PowerState: Int, Sendable, Hashable, CaseIterable {
    /// No guest on the hypervisor (not yet built, or destroyed).
    case noState = 0
    case running = 1
    case paused = 3
    case shutdown = 4
    case crashed = 6
    case suspended = 7

    /// Nova's name for the code (`InstancePowerState`), as notifications and logs show it.
    public var name: String {
        switch self {
        case .noState: "pending"
        case .running: "running"
        case .paused: "paused"
        case .shutdown: "shutdown"
        case .crashed: "crashed"
        case .suspended: "suspended"
        }
    }
}
