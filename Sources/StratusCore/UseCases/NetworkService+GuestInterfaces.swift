import Foundation

/// What a host needs to plug a server's ports in: Nova's `network_info` as the
/// compute host reads it from Neutron, one entry per port, with the subnet of the
/// port's first fixed address for its prefix, gateway and name servers.
extension NetworkService {
    public func guestInterfaces(of instance: Instance) async throws -> [GuestInterface] {
        let ports = try await store.ports(deviceIDs: [instance.id])
        let order = Dictionary(instance.interfaces.enumerated().map { ($1.portID, $0) }, uniquingKeysWith: { first, _ in first })
        let sorted = ports.sorted { (order[$0.id] ?? .max, $0.id) < (order[$1.id] ?? .max, $1.id) }
        var subnetsByNetwork: [String: [Subnet]] = [:]
        var interfaces: [GuestInterface] = []
        for port in sorted {
            let network = try await store.network(id: port.networkID)
            var interface = GuestInterface(
                portID: port.id, networkID: port.networkID, macAddress: port.macAddress, mtu: network?.mtu ?? 1500)
            if let fixed = port.fixedIPs.first {
                if subnetsByNetwork[port.networkID] == nil {
                    subnetsByNetwork[port.networkID] = try await store.subnets(networkID: port.networkID)
                }
                let subnet = subnetsByNetwork[port.networkID]?.first { $0.id == fixed.subnetID }
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
