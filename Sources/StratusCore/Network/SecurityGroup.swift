import Foundation

/// A project's security group: the rules its ports' traffic will be filtered by
/// (recorded now, enforced by host agents in a later issue).
public struct SecurityGroup: Sendable, Equatable, Codable, Identifiable {
    public static let defaultName = "default"

    public var id: String
    public var name: String
    public var projectID: String
    public var description: String
    public var stateful: Bool
    public var createdAt: Date
    public var updatedAt: Date
    public var revision: Int

    public init(
        id: String, name: String, projectID: String, description: String = "", stateful: Bool = true,
        createdAt: Date, revision: Int = 1
    ) {
        self.id = id
        self.name = name
        self.projectID = projectID
        self.description = description
        self.stateful = stateful
        self.createdAt = createdAt
        self.updatedAt = createdAt
        self.revision = revision
    }

    public var isDefault: Bool { name == Self.defaultName }

    /// Neutron's `default` group: all egress, and ingress from its own members.
    public static func projectDefault(
        id: String, projectID: String, at now: Date, ruleIDs: () -> String
    ) -> (SecurityGroup, [SecurityGroupRule]) {
        let group = SecurityGroup(
            id: id, name: defaultName, projectID: projectID, description: "Default security group", createdAt: now)
        let rules = [(SecurityGroupRule.Direction.egress, false), (.ingress, true)].flatMap { direction, fromSelf in
            SecurityGroupRule.EtherType.allCases.map { ethertype in
                SecurityGroupRule(
                    id: ruleIDs(), securityGroupID: id, projectID: projectID, direction: direction,
                    ethertype: ethertype, remoteGroupID: fromSelf ? id : nil, createdAt: now)
            }
        }
        return (group, rules)
    }
}

/// One allow rule of a security group, in Neutron's fields.
public struct SecurityGroupRule: Sendable, Equatable, Codable, Identifiable {
    public enum Direction: String, Sendable, Codable, CaseIterable {
        case ingress, egress
    }

    public enum EtherType: String, Sendable, Codable, CaseIterable {
        case ipv4 = "IPv4"
        case ipv6 = "IPv6"
    }

    public var id: String
    public var securityGroupID: String
    public var projectID: String
    public var direction: Direction
    public var ethertype: EtherType
    /// A protocol name (`tcp`, `udp`, `icmp`, …) or number as given; nil is any.
    public var protocolName: String?
    public var portRangeMin: Int?
    public var portRangeMax: Int?
    public var remoteIPPrefix: String?
    public var remoteGroupID: String?
    public var description: String
    public var createdAt: Date

    public init(
        id: String, securityGroupID: String, projectID: String, direction: Direction, ethertype: EtherType = .ipv4,
        protocolName: String? = nil, portRangeMin: Int? = nil, portRangeMax: Int? = nil,
        remoteIPPrefix: String? = nil, remoteGroupID: String? = nil, description: String = "", createdAt: Date
    ) {
        self.id = id
        self.securityGroupID = securityGroupID
        self.projectID = projectID
        self.direction = direction
        self.ethertype = ethertype
        self.protocolName = protocolName
        self.portRangeMin = portRangeMin
        self.portRangeMax = portRangeMax
        self.remoteIPPrefix = remoteIPPrefix
        self.remoteGroupID = remoteGroupID
        self.description = description
        self.createdAt = createdAt
    }

    /// The remote prefix as a network (`10.2.3.124/24` → `10.2.3.0/24`); IPv6 as given.
    public var normalizedCIDR: String? {
        guard let prefix = remoteIPPrefix else { return nil }
        let text = prefix.contains("/") ? prefix : prefix + (prefix.contains(":") ? "/128" : "/32")
        return IPv4Network(text)?.text ?? text
    }

    /// Two rules that allow the same traffic (Neutron's duplicate check ignores
    /// ids, description and time, and compares prefixes as networks).
    public func allowsSameTraffic(as other: SecurityGroupRule) -> Bool {
        securityGroupID == other.securityGroupID && direction == other.direction && ethertype == other.ethertype
            && protocolName == other.protocolName && portRangeMin == other.portRangeMin
            && portRangeMax == other.portRangeMax && normalizedCIDR == other.normalizedCIDR
            && remoteGroupID == other.remoteGroupID
    }
}
