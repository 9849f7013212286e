import Foundation

/// `different_host`: no host that holds one of the named servers.
public struct DifferentHostFilter: HostFilter {
    public init() {}

    public var name: String { "DifferentHostFilter" }

    public func verdict(for host: ComputeHost, request: SchedulingRequest, now: Date) -> FilterVerdict {
        request.hostAffinity.differentHostIDs.contains(host.id) ? .reject("holds a different_host server") : .pass
    }
}
