import Foundation

/// Only hosts that are enabled and up. Up means the agent reported within
/// `serviceDownTime` of `now` (Nova's `service_down_time`, 60 s): a host that stopped
/// reporting may be dead, and an instance sent there would wait forever. The distance
/// is taken either way, as Nova does, so a clock skewed far ahead is not "up" either.
public struct ComputeFilter: HostFilter {
    public var serviceDownTime: TimeInterval

    public init(serviceDownTime: TimeInterval = 60) {
        self.serviceDownTime = serviceDownTime
    }

    public var name: String { "ComputeFilter" }

    public func verdict(for host: ComputeHost, request: SchedulingRequest, now: Date) -> FilterVerdict {
        guard host.enabled else { return .reject("host is disabled") }
        let silence = now.timeIntervalSince(host.lastHeartbeat)
        guard abs(silence) <= serviceDownTime else {
            // Printed as Double: a corrupt timestamp must not trap an Int conversion.
            return .reject("not heard from for \(silence.rounded()) s (service_down_time \(serviceDownTime) s)")
        }
        return .pass
    }
}
