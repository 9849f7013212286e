/// The three state words Nova keeps on an instance, plus whether it ever launched,
/// which Nova's state checks also consult (`launched_at`).
public struct InstanceState: Sendable, Hashable {
    public var vmState: VMState
    /// `nil` when no task is running.
    public var taskState: TaskState?
    public var powerState: PowerState
    /// Nova's `launched_at` is set: the guest ran at least once. Most actions refuse an
    /// instance that never launched (a build that failed), delete does not.
    public var hasLaunched: Bool

    public init(vmState: VMState, taskState: TaskState? = nil, powerState: PowerState, hasLaunched: Bool = true) {
        self.vmState = vmState
        self.taskState = taskState
        self.powerState = powerState
        self.hasLaunched = hasLaunched
    }

    /// A server just accepted by the API: building, scheduling, never launched.
    public static let newlyRequested = InstanceState(
        vmState: .building, taskState: .scheduling, powerState: .noState, hasLaunched: false)

    /// The status the Compute API shows for this state.
    public var status: ServerStatus { ServerStatus(vmState: vmState, taskState: taskState) }
}
