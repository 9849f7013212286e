/// An action refused because of the instance's state: Nova's `InstanceInvalidState`,
/// a 409 whose message names the first attribute that failed, in the order Nova
/// checks them (vm_state, then task_state, then launched_at).
public struct InstanceStateConflict: Error, Sendable, Hashable {
    public enum Attribute: String, Sendable, Hashable {
        case vmState = "vm_state"
        case taskState = "task_state"
        case launchedAt = "launched_at"
    }

    public var action: ServerAction
    public var instanceID: String
    public var attribute: Attribute
    /// The refused value as Nova prints it: the raw state, or `None` when empty.
    public var state: String

    public init(action: ServerAction, instanceID: String, attribute: Attribute, state: String) {
        self.action = action
        self.instanceID = instanceID
        self.attribute = attribute
        self.state = state
    }

    /// Nova's wording (`raise_http_conflict_for_instance_invalid_state` in
    /// `nova/api/openstack/common.py`), which tempest and clients match on.
    public var message: String {
        "Cannot '\(action.apiName)' instance \(instanceID) while it is in \(attribute.rawValue) \(state)"
    }

    /// The 409 as the compute use cases report it.
    public var computeError: ComputeError { .conflict(message) }
}
