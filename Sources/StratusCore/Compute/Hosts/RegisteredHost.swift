import Foundation

/// A host as the admin APIs show it: the scheduler's view plus the facts
/// only listings need. `number` is the integer id Nova's os-services and
/// os-hypervisors use below microversion 2.53.
public struct RegisteredHost: Sendable, Equatable {
    public var number: Int
    public var host: ComputeHost
    public var claimCount: Int
    /// Nova's `state`, decided by `ComputeService` when it reads the host: up
    /// while the last heartbeat is younger than `serviceDownTime`.
    public var isUp: Bool

    /// Nova's `service_down_time`: the one threshold listings and the scheduler share.
    public static let serviceDownTime: TimeInterval = 60

    public init(number: Int, host: ComputeHost, claimCount: Int, isUp: Bool = false) {
        self.number = number
        self.host = host
        self.claimCount = claimCount
        self.isUp = isUp
    }

    /// What the driver reports (`fake` for simulated hosts, as Nova's fake driver).
    public var hypervisorType: String { host.supportedInstances.first?.hypervisorType ?? "unknown" }

    public static func isUp(_ host: ComputeHost, at now: Date) -> Bool {
        now.timeIntervalSince(host.lastHeartbeat) <= serviceDownTime
    }
}
