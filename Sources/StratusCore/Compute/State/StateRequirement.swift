/// Which values of one state attribute an action accepts, as one argument of Nova's
/// `@check_instance_state` decorator: either no check at all, or a set of values.
///
/// The two are kept apart on purpose. Nova writes "no check" as `None` and "no task
/// running" as `[None]`; confusing them is the classic mistake when reading its
/// decorators (`delete` passes `task_state=None` and is allowed during any task).
public enum StateRequirement<Value: Hashable & Sendable>: Sendable, Hashable {
    /// The attribute is not checked.
    case any
    /// The attribute must hold one of these values.
    case oneOf(Set<Value>)

    public func admits(_ value: Value) -> Bool {
        switch self {
        case .any: true
        case .oneOf(let values): values.contains(value)
        }
    }
}

extension StateRequirement where Value == TaskState? {
    /// No task may be running: Nova's default `task_state=(None,)`.
    public static var idle: Self { .oneOf([nil]) }
}
