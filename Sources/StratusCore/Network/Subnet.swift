import Foundation

/// An IPv4 subnet of a network: its range, gateway and the pools ports draw
/// fixed addresses from.
public struct Subnet: Sendable, Equatable, Codable, Identifiable {
    public struct Pool: Sendable, Equatable, Codable {
        public var start: UInt32
        public var end: UInt32

        public init(start: UInt32, end: UInt32) {
            self.start = start
            self.end = end
        }
    }

    public var id: String
    public var name: String
    public var networkID: String
    public var projectID: String
    public var description: String
    public var cidr: String
    public var gatewayIP: String?
    public var allocationPools: [Pool]
    public var enableDHCP: Bool
    public var dnsNameservers: [String]
    public var createdAt: Date
    public var updatedAt: Date
    public var revision: Int

    public init(
        id: String, name: String, networkID: String, projectID: String, description: String = "", cidr: String,
        gatewayIP: String?, allocationPools: [Pool], enableDHCP: Bool = true, dnsNameservers: [String] = [],
        createdAt: Date, revision: Int = 1
    ) {
        self.id = id
        self.name = name
        self.networkID = networkID
        self.projectID = projectID
        self.description = description
        self.cidr = cidr
        self.gatewayIP = gatewayIP
        self.allocationPools = allocationPools
        self.enableDHCP = enableDHCP
        self.dnsNameservers = dnsNameservers
        self.createdAt = createdAt
        self.updatedAt = createdAt
        self.revision = revision
    }

    public var ipVersion: Int { 4 }
    public var range: IPv4Network? { IPv4Network(cidr) }

    /// Whether `address` may be handed out: inside a pool, not the gateway.
    public func allocatable(_ address: UInt32) -> Bool {
        guard allocationPools.contains(where: { $0.start <= address && address <= $0.end }) else { return false }
        return gatewayIP.flatMap(IPv4.parse) != address
    }

    /// Neutron's default pool: the whole range less the network, broadcast and
    /// gateway addresses (split around the gateway when it sits inside).
    public static func defaultPools(_ range: IPv4Network, gateway: UInt32?) -> [Pool] {
        guard range.prefixLength <= 30 else { return [] }
        let first = range.first + 1
        let last = range.last - 1
        guard let gateway, gateway >= first, gateway <= last else { return [Pool(start: first, end: last)] }
        var pools: [Pool] = []
        if gateway > first { pools.append(Pool(start: first, end: gateway - 1)) }
        if gateway < last { pools.append(Pool(start: gateway + 1, end: last)) }
        return pools
    }
}
