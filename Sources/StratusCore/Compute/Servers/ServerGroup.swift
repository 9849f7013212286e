import Foundation

/// A Nova server group: servers that must (or should) share hosts, or not.
public struct ServerGroup: Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    public var projectID: String
    public var userID: String
    public var policy: ServerGroupPolicy
    /// Nova's `max_server_per_host` rule (anti-affinity only; 2.64+).
    public var maxServerPerHost: Int?
    public var createdAt: Date
    /// Live member instance ids (read model; membership is written with the server).
    public var members: [String]

    public init(
        id: String, name: String, projectID: String, userID: String, policy: ServerGroupPolicy,
        maxServerPerHost: Int? = nil, createdAt: Date, members: [String] = []
    ) {
        self.id = id
        self.name = name
        self.projectID = projectID
        self.userID = userID
        self.policy = policy
        self.maxServerPerHost = maxServerPerHost
        self.createdAt = createdAt
        self.members = members
    }
}

/// The group rule a placement must still satisfy at commit time. The scheduler
/// reads a snapshot, so two anti-affinity members placed at once could pick the
/// same host; this check, run in the claim's transaction, refuses the second
/// and sends it to its next alternate (Nova's late affinity check, made atomic).
public struct GroupPlacementCheck: Sendable, Equatable {
    public var groupID: String
    public var instanceID: String
    public var hostID: String
    public var policy: ServerGroupPolicy
    public var maxServerPerHost: Int

    public init(groupID: String, instanceID: String, hostID: String, policy: ServerGroupPolicy, maxServerPerHost: Int) {
        self.groupID = groupID
        self.instanceID = instanceID
        self.hostID = hostID
        self.policy = policy
        self.maxServerPerHost = maxServerPerHost
    }

    /// Whether placing on `hostID` keeps the rule, given the hosts of the
    /// group's other placed members.
    public func admits(otherMemberHosts: [String]) -> Bool {
        switch policy {
        case .affinity: otherMemberHosts.allSatisfy { $0 == hostID }
        case .antiAffinity: otherMemberHosts.filter { $0 == hostID }.count < maxServerPerHost
        case .softAffinity, .softAntiAffinity: true
        }
    }
}
