import Foundation

/// Only hosts in the requested availability zone. A host in no zone belongs to the
/// default zone (Nova's `default_availability_zone`, "nova"), so a request for "nova"
/// lands on unzoned hosts, as clients expect. No zone requested: any host.
public struct AvailabilityZoneFilter: HostFilter {
    public var defaultZone: String

    public init(defaultZone: String = "nova") {
        self.defaultZone = defaultZone
    }

    public var name: String { "AvailabilityZoneFilter" }

    public func verdict(for host: ComputeHost, request: SchedulingRequest, now: Date) -> FilterVerdict {
        guard let wanted = request.availabilityZone, !wanted.isEmpty else { return .pass }
        let zone = host.availabilityZone ?? defaultZone
        return zone == wanted ? .pass : .reject("in zone \(zone), \(wanted) requested")
    }
}
