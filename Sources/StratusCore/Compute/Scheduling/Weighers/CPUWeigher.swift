import Foundation

/// Prefers hosts with more free vCPUs under the allocation ratio (limit − usage, as
/// Nova's CPUWeigher uses `vcpus_total × cpu_allocation_ratio − vcpus_used`). Positive
/// multiplier spreads, negative packs; aggregate metadata `cpu_weight_multiplier`
/// overrides it per host.
public struct CPUWeigher: HostWeigher {
    public var multiplier: Double

    public init(multiplier: Double = 1.0) {
        self.multiplier = multiplier
    }

    public var name: String { "CPUWeigher" }
    public var minimumWeight: Double? { 0 }

    public func rawWeight(of host: ComputeHost, request: SchedulingRequest) -> Double {
        Double(host.limits.vcpus) - Double(host.usage.vcpus)
    }

    public func multiplier(for host: ComputeHost) -> Double {
        host.weightMultiplier(key: "cpu_weight_multiplier", configured: multiplier)
    }
}
