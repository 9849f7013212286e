/// Nova's instance state rules as pure functions: whether an action may start, what
/// the API writes when it does (`begin`), and where a finished task leaves the
/// instance (`complete`). Locks are not checked here (see
/// `ServerAction.isLockGuarded`), nor anything that needs I/O (host up, image
/// properties, quotas).
///
/// The result of `begin` is meant to be committed with a compare-and-set on the
/// state it was computed from, as Nova saves with `expected_task_state`, so two
/// racing actions cannot both start.
public enum InstanceStateMachine {
    /// Checks `action` against `state` and returns the state to write: the action's
    /// task set, everything else unchanged. Actions that set no task return `state`.
    public static func begin(
        _ action: ServerAction, on state: InstanceState, instanceID: String
    ) throws(InstanceStateConflict) -> InstanceState {
        try check(action, on: state, instanceID: instanceID)
        var next = state
        if let task = action.rule.startsTask {
            next.taskState = task
        }
        return next
    }

    /// Only the check, for callers that must refuse before doing other work.
    public static func check(
        _ action: ServerAction, on state: InstanceState, instanceID: String
    ) throws(InstanceStateConflict) {
        let rule = action.rule
        func conflict(_ attribute: InstanceStateConflict.Attribute, _ value: String) -> InstanceStateConflict {
            InstanceStateConflict(action: action, instanceID: instanceID, attribute: attribute, state: value)
        }
        guard rule.vmStates.admits(state.vmState) else {
            throw conflict(.vmState, state.vmState.rawValue)
        }
        guard rule.taskStates.admits(state.taskState) else {
            throw conflict(.taskState, state.taskState?.rawValue ?? "None")
        }
        guard !rule.requiresLaunch || state.hasLaunched else {
            throw conflict(.launchedAt, "None")
        }
    }

    /// Whether `action` may start, without the reason.
    public static func allows(_ action: ServerAction, on state: InstanceState) -> Bool {
        (try? check(action, on: state, instanceID: "")) != nil
    }
}
