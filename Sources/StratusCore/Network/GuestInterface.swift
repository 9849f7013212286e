import Foundation

/// One of a server's ports as its host plugs it in and its guest configures it
/// (Nova's `network_info` entry, IPv4): the MAC the NIC gets, and the address,
/// prefix and gateway the config drive's `network_data.json` tells the guest.
public struct GuestInterface: Sendable, Equatable {
    public var portID: String
    public var networkID: String
    public var macAddress: String
    public var mtu: Int
    /// The port's first fixed IPv4 address; nil for a port without one.
    public var address: String?
    public var prefixLength: Int
    public var gateway: String?
    public var dnsNameservers: [String]

    public init(
        portID: String, networkID: String, macAddress: String, mtu: Int = 1500, address: String? = nil,
        prefixLength: Int = 32, gateway: String? = nil, dnsNameservers: [String] = []
    ) {
        self.portID = portID
        self.networkID = networkID
        self.macAddress = macAddress
        self.mtu = mtu
        self.address = address
        self.prefixLength = prefixLength
        self.gateway = gateway
        self.dnsNameservers = dnsNameservers
    }

    /// The dotted netmask of `prefixLength` (network_data.json's `netmask`).
    public var netmask: String { IPv4.format(IPv4Network.mask(prefixLength: prefixLength)) }
}
