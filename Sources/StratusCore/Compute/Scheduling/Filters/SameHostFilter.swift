import Foundation

/// `same_host`: only a host that holds one of the named servers (none does when
/// they are gone or unplaced, and then no host passes, as in Nova).
public struct SameHostFilter: HostFilter {
    public init() {}

    public var name: String { "SameHostFilter" }

    public func verdict(for host: ComputeHost, request: SchedulingRequest, now: Date) -> FilterVerdict {
        guard let hosts = request.hostAffinity.sameHostIDs else { return .pass }
        return hosts.contains(host.id) ? .pass : .reject("holds none of the same_host servers")
    }
}
