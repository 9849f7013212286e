import Foundation

/// For an `affinity` group, only the host the group's members are on. The first member
/// goes wherever it fits; each later one (also later instances of the same request,
/// which the scheduler records as it places them) must follow. Other policies: any host.
public struct ServerGroupAffinityFilter: HostFilter {
    public init() {}

    public var name: String { "ServerGroupAffinityFilter" }

    public func verdict(for host: ComputeHost, request: SchedulingRequest, now: Date) -> FilterVerdict {
        guard let group = request.serverGroup, group.policy == .affinity, !group.memberHostIDs.isEmpty else {
            return .pass
        }
        return group.memberHostIDs.contains(host.id) ? .pass : .reject("affinity group members are on other hosts")
    }
}
