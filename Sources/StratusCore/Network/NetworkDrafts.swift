import Foundation

/// Networking create and update bodies after the front has checked their JSON
/// types; the use cases check what needs the store or Neutron's rules.
public struct NetworkDraft: Sendable, Equatable {
    public var name = ""
    public var description = ""
    public var adminStateUp = true
    public var shared = false
    public var external = false
    public var mtu: Int?
    /// Another project's: administrators only.
    public var projectID: String?
    public init() {}
}

public struct NetworkPatch: Sendable, Equatable {
    public var name: String?
    public var description: String?
    public var adminStateUp: Bool?
    public var shared: Bool?
    public var external: Bool?
    public init() {}
}

public struct SubnetDraft: Sendable, Equatable {
    public enum Gateway: Sendable, Equatable {
        /// The range's first address.
        case automatic
        /// `gateway_ip: null`.
        case none
        case address(String)
    }

    public var networkID: String
    public var cidr: String
    public var ipVersion: Int
    public var name = ""
    public var description = ""
    public var gateway = Gateway.automatic
    public var allocationPools: [(start: String, end: String)]?
    public var enableDHCP = true
    public var dnsNameservers: [String] = []
    public var projectID: String?

    public init(networkID: String, cidr: String, ipVersion: Int) {
        self.networkID = networkID
        self.cidr = cidr
        self.ipVersion = ipVersion
    }

    public static func == (lhs: SubnetDraft, rhs: SubnetDraft) -> Bool {
        lhs.networkID == rhs.networkID && lhs.cidr == rhs.cidr && lhs.ipVersion == rhs.ipVersion
            && lhs.name == rhs.name && lhs.gateway == rhs.gateway
            && lhs.allocationPools?.map { [$0.start, $0.end] } == rhs.allocationPools?.map { [$0.start, $0.end] }
    }
}

public struct SubnetPatch: Sendable, Equatable {
    public var name: String?
    public var description: String?
    public var enableDHCP: Bool?
    public var dnsNameservers: [String]?
    public init() {}
}

public struct PortDraft: Sendable, Equatable {
    public struct FixedIPRequest: Sendable, Equatable {
        public var subnetID: String?
        public var ipAddress: String?
        public init(subnetID: String? = nil, ipAddress: String? = nil) {
            self.subnetID = subnetID
            self.ipAddress = ipAddress
        }
    }

    public var networkID: String
    public var name = ""
    public var description = ""
    /// nil: one address from the network's first subnet with room.
    public var fixedIPs: [FixedIPRequest]?
    /// nil: the project's `default` group.
    public var securityGroupIDs: [String]?
    public var adminStateUp = true
    public var deviceID = ""
    public var deviceOwner = ""
    public var macAddress: String?
    public var projectID: String?

    public init(networkID: String) {
        self.networkID = networkID
    }
}

public struct PortPatch: Sendable, Equatable {
    public var name: String?
    public var description: String?
    public var securityGroupIDs: [String]?
    public var adminStateUp: Bool?
    public init() {}
}

public struct SecurityGroupDraft: Sendable, Equatable {
    public var name: String
    public var description = ""
    public var stateful = true
    public var projectID: String?

    public init(name: String) {
        self.name = name
    }
}

public struct SecurityGroupPatch: Sendable, Equatable {
    public var name: String?
    public var description: String?
    public init() {}
}

public struct SecurityGroupRuleDraft: Sendable, Equatable {
    public var securityGroupID: String
    public var direction: String
    public var ethertype: String?
    public var protocolName: String?
    public var portRangeMin: Int?
    public var portRangeMax: Int?
    public var remoteIPPrefix: String?
    public var remoteGroupID: String?
    public var description = ""
    public var projectID: String?

    public init(securityGroupID: String, direction: String) {
        self.securityGroupID = securityGroupID
        self.direction = direction
    }
}
