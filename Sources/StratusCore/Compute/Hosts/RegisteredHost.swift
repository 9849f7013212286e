import Foundation

/// A host as the admin APIs show it: the scheduler's view plus the facts
/// only listings need. `number` is the integer id Nova's os-services and
/// os-hypervisors use below microversion 2.53.
public struct RegisteredHost: Sendable, Equatable {
    public var number: Int
    public var host: ComputeHost
    public var claimCount: Int

    public init(number: Int, host: ComputeHost, claimCount: Int) {
        self.number = number
        self.host = host
        self.claimCount = claimCount
    }

    /// What the driver reports (`fake` for simulated hosts, as Nova's fake driver).
    public var hypervisorType: String { host.supportedInstances.first?.hypervisorType ?? "unknown" }

    /// Nova's `state`: a host whose last heartbeat is older than `downAfter` is down.
    public func isUp(at now: Date, downAfter: TimeInterval) -> Bool {
        now.timeIntervalSince(host.lastHeartbeat) <= downAfter
    }
}
