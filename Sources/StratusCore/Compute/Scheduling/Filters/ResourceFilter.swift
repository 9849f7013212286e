import Foundation

/// Only hosts with room for one more instance of the flavor: for vCPUs, RAM and disk,
/// `usage + request ≤ (capacity − reserved) × ratio`, and no single request larger than
/// the host's physical total. These are placement's rules (and those of Nova's former
/// Core/Ram/DiskFilter), the same check `ComputeHost.canClaim` makes, so a host that
/// passes here can be claimed unless someone else got there first.
///
/// A host reporting zero vCPUs is refused; Nova's CoreFilter let it through on the
/// theory that CPU reporting was broken, which is the wrong way to fail.
public struct ResourceFilter: HostFilter {
    public init() {}

    public var name: String { "ResourceFilter" }

    public func verdict(for host: ComputeHost, request: SchedulingRequest, now: Date) -> FilterVerdict {
        let shortfalls = host.shortfalls(for: request.flavor.resources)
        guard shortfalls.isEmpty else { return .reject(shortfalls.map(\.description).joined(separator: "; ")) }
        return .pass
    }
}
