import Foundation

/// For a `soft-affinity` group, prefers hosts running more of the group's members
/// (Nova's ServerGroupSoftAffinityWeigher); other requests weigh 0 everywhere. With
/// Nova's default multipliers (all 1.0) this is one vote among the resource weighers,
/// so free capacity can outvote it; raise the multiplier (or aggregate metadata
/// `soft_affinity_weight_multiplier`) to make it dominate.
public struct ServerGroupSoftAffinityWeigher: HostWeigher {
    public var multiplier: Double

    public init(multiplier: Double = 1.0) {
        self.multiplier = multiplier
    }

    public var name: String { "ServerGroupSoftAffinityWeigher" }

    public func rawWeight(of host: ComputeHost, request: SchedulingRequest) -> Double {
        guard let group = request.serverGroup, group.policy == .softAffinity else { return 0 }
        return Double(group.memberCount(on: host.id))
    }

    public func multiplier(for host: ComputeHost) -> Double {
        host.weightMultiplier(key: "soft_affinity_weight_multiplier", configured: multiplier)
    }
}
