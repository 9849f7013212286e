import Foundation

/// A server group's policy, with Nova's wire names.
public enum ServerGroupPolicy: String, Sendable, CaseIterable {
    /// Every member on one host; no host fits → no placement.
    case affinity
    /// No two members on one host (up to `maxServerPerHost`).
    case antiAffinity = "anti-affinity"
    /// Prefer hosts that already run members; never refuse a host for it.
    case softAffinity = "soft-affinity"
    /// Prefer hosts with fewer members; never refuse a host for it.
    case softAntiAffinity = "soft-anti-affinity"
}

/// The server group an instance joins, and where the group's members already are.
/// Within a multi-instance request the scheduler appends each choice here, so later
/// instances of the same request see earlier ones (Nova's `instance_group.hosts`).
public struct ServerGroupPlacement: Sendable, Equatable {
    public var policy: ServerGroupPolicy
    /// The host id of each existing member, once per member: a host with two members
    /// appears twice.
    public var memberHostIDs: [String]
    /// Nova's `max_server_per_host` rule; only anti-affinity reads it.
    public var maxServerPerHost: Int

    public init(policy: ServerGroupPolicy, memberHostIDs: [String] = [], maxServerPerHost: Int = 1) {
        self.policy = policy
        self.memberHostIDs = memberHostIDs
        self.maxServerPerHost = maxServerPerHost
    }

    public func memberCount(on hostID: String) -> Int {
        memberHostIDs.reduce(0) { $1 == hostID ? $0 + 1 : $0 }
    }
}
