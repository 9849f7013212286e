import Foundation

/// A filter's answer for one host: it may take the instance, or it may not, and why.
public enum FilterVerdict: Sendable, Equatable {
    case pass
    /// The reason is for debug logs: enough to tell an operator what to change.
    case reject(String)

    public var passes: Bool { self == .pass }
}

/// One yes/no rule a host must meet to receive an instance, as in Nova's filter
/// scheduler. Filters are pure: they read the host snapshot, the request and the time
/// they are given, and nothing else, so every controller replica decides alike.
public protocol HostFilter: Sendable {
    /// Stable name for logs and rejection reports (Nova's class names where one exists).
    var name: String { get }
    func verdict(for host: ComputeHost, request: SchedulingRequest, now: Date) -> FilterVerdict
}
