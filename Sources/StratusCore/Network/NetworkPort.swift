import Foundation

/// A Neutron port: a server's attachment to a network, with its MAC, its fixed
/// addresses and the security groups that (in a later agent) filter its traffic.
public struct NetworkPort: Sendable, Equatable, Codable, Identifiable {
    public struct FixedIP: Sendable, Equatable, Codable {
        public var subnetID: String
        public var address: UInt32

        public init(subnetID: String, address: UInt32) {
            self.subnetID = subnetID
            self.address = address
        }

        public var text: String { IPv4.format(address) }
    }

    /// Nova's owner for the ports of servers.
    public static let computeOwner = "compute:nova"

    public var id: String
    public var name: String
    public var networkID: String
    public var projectID: String
    public var description: String
    public var macAddress: String
    public var fixedIPs: [FixedIP]
    /// The server using the port, "" when unbound.
    public var deviceID: String
    public var deviceOwner: String
    public var securityGroupIDs: [String]
    public var adminStateUp: Bool
    public var createdAt: Date
    public var updatedAt: Date
    public var revision: Int

    public init(
        id: String, name: String = "", networkID: String, projectID: String, description: String = "",
        macAddress: String, fixedIPs: [FixedIP], deviceID: String = "", deviceOwner: String = "",
        securityGroupIDs: [String], adminStateUp: Bool = true, createdAt: Date, revision: Int = 1
    ) {
        self.id = id
        self.name = name
        self.networkID = networkID
        self.projectID = projectID
        self.description = description
        self.macAddress = macAddress
        self.fixedIPs = fixedIPs
        self.deviceID = deviceID
        self.deviceOwner = deviceOwner
        self.securityGroupIDs = securityGroupIDs
        self.adminStateUp = adminStateUp
        self.createdAt = createdAt
        self.updatedAt = createdAt
        self.revision = revision
    }

    /// A bound port is up (no agent wires ports yet, so binding is the signal).
    public var status: String { deviceID.isEmpty ? "DOWN" : "ACTIVE" }

    /// OpenStack's locally administered prefix fa:16:3e and three random bytes.
    public static func macAddress(_ random: [UInt8]) -> String {
        (["fa", "16", "3e"] + random.prefix(3).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }).joined(separator: ":")
    }
}
