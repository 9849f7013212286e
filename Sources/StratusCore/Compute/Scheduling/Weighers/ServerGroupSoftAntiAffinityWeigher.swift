import Foundation

/// For a `soft-anti-affinity` group, prefers hosts running fewer of the group's members
/// (Nova's ServerGroupSoftAntiAffinityWeigher: minus the member count); other requests
/// weigh 0 everywhere. Aggregate metadata `soft_anti_affinity_weight_multiplier`
/// overrides the multiplier per host.
public struct ServerGroupSoftAntiAffinityWeigher: HostWeigher {
    public var multiplier: Double

    public init(multiplier: Double = 1.0) {
        self.multiplier = multiplier
    }

    public var name: String { "ServerGroupSoftAntiAffinityWeigher" }

    public func rawWeight(of host: ComputeHost, request: SchedulingRequest) -> Double {
        guard let group = request.serverGroup, group.policy == .softAntiAffinity else { return 0 }
        return -Double(group.memberCount(on: host.id))
    }

    public func multiplier(for host: ComputeHost) -> Double {
        host.weightMultiplier(key: "soft_anti_affinity_weight_multiplier", configured: multiplier)
    }
}
