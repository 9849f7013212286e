import Foundation

/// What a host needs to plug a server's ports in: Nova's `network_info` as the
/// compute host reads it from Neutron, one entry per port, with the subnet of the
/// port's first fixed address for its prefix, gateway and name servers.
extension NetworkService {
    public func guestInterfaces(of instance: Instance) async throws -> [GuestInterface] {
        let ports = try await store.ports(deviceIDs: [instance.id])
        let order = Dictionary(instance.interfaces.enumerated().map { ($1.portID, $0) }, uniquingKeysWith: { first, _ in first })
        let sorted = ports.sorted { (order[$0.id] ?? .max, $0.id) < (order[$1.id] ?? .max, $1.id) }
        // Read once per network: a server's ports often share one.
        var networks: [String: (mtu: Int, subnets: [Subnet])] = [:]
        var interfaces: [GuestInterface] = []
        for port in sorted {
            if networks[port.networkID] == nil {
                let network = try await store.network(id: port.networkID)
                networks[port.networkID] = (network?.mtu ?? 1500, try await store.subnets(networkID: port.networkID))
            }
            let known = networks[port.networkID]
            var interface = GuestInterface(
                portID: port.id, networkID: port.networkID, macAddress: port.macAddress, mtu: known?.mtu ?? 1500)
            if let fixed = port.fixedIPs.first {
                let subnet = known?.subnets.first { $0.id == fixed.subnetID }
                interface.address = fixed.text
                interface.prefixLength = subnet?.range?.prefixLength ?? 32
                interface.gateway = subnet?.gatewayIP
                interface.dnsNameservers = subnet?.dnsNameservers ?? []
            }
            interfaces.append(interface)
        }
        return interfaces
    }
}
