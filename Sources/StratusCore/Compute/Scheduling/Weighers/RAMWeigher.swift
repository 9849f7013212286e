import Foundation

/// Prefers hosts with more free physical RAM (capacity − reserved − usage, without the
/// allocation ratio, as Nova's `free_ram_mb`). Multiplier 1.0 spreads instances across
/// hosts — Nova's default; a negative one packs them, leaving whole hosts free.
/// Aggregate metadata `ram_weight_multiplier` overrides it per host.
public struct RAMWeigher: HostWeigher {
    public var multiplier: Double

    public init(multiplier: Double = 1.0) {
        self.multiplier = multiplier
    }

    public var name: String { "RAMWeigher" }
    /// Over-committed hosts have negative free RAM; Nova clamps at zero (and normalizes
    /// from zero, not from the smallest candidate).
    public var minimumWeight: Double? { 0 }

    public func rawWeight(of host: ComputeHost, request: SchedulingRequest) -> Double {
        Double(host.capacity.memoryMiB) - Double(host.reserved.memoryMiB) - Double(host.usage.memoryMiB)
    }

    public func multiplier(for host: ComputeHost) -> Double {
        host.weightMultiplier(key: "ram_weight_multiplier", configured: multiplier)
    }
}
