import Foundation

/// Prefers hosts with more free physical local disk (capacity − reserved − usage, as
/// Nova's `free_disk_mb`). Positive multiplier spreads, negative packs; aggregate
/// metadata `disk_weight_multiplier` overrides it per host.
public struct DiskWeigher: HostWeigher {
    public var multiplier: Double

    public init(multiplier: Double = 1.0) {
        self.multiplier = multiplier
    }

    public var name: String { "DiskWeigher" }
    public var minimumWeight: Double? { 0 }

    public func rawWeight(of host: ComputeHost, request: SchedulingRequest) -> Double {
        Double(host.capacity.diskGiB) - Double(host.reserved.diskGiB) - Double(host.usage.diskGiB)
    }

    public func multiplier(for host: ComputeHost) -> Double {
        host.weightMultiplier(key: "disk_weight_multiplier", configured: multiplier)
    }
}
