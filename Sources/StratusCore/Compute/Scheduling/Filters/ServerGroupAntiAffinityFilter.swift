import Foundation

/// For an `anti-affinity` group, only hosts running fewer than `maxServerPerHost`
/// members (Nova's `max_server_per_host` rule, 1 unless set), so one host failing takes
/// down at most that many. Other policies: any host.
public struct ServerGroupAntiAffinityFilter: HostFilter {
    public init() {}

    public var name: String { "ServerGroupAntiAffinityFilter" }

    public func verdict(for host: ComputeHost, request: SchedulingRequest, now: Date) -> FilterVerdict {
        guard let group = request.serverGroup, group.policy == .antiAffinity else { return .pass }
        let members = group.memberCount(on: host.id)
        guard members < group.maxServerPerHost else {
            return .reject("runs \(members) anti-affinity group member(s), max_server_per_host \(group.maxServerPerHost)")
        }
        return .pass
    }
}
