import Foundation
import StratusCore

/// `openstack/latest/network_data.json`, as Nova writes it (`netutils.get_network_metadata`):
/// one link per port (its MAC and MTU), one static IPv4 network per port with an
/// address, its default route when the subnet has a gateway, and the name servers.
/// cloud-init, glean and the test guest configure their NICs from it.
struct NetworkData: Encodable {
    struct Link: Encodable {
        var id: String
        var type = "bridge"
        var ethernetMACAddress: String
        var mtu: Int
        var vifID: String
        enum CodingKeys: String, CodingKey {
            case id, type, ethernetMACAddress = "ethernet_mac_address", mtu, vifID = "vif_id"
        }
    }
    struct Route: Encodable {
        var network = "0.0.0.0"
        var netmask = "0.0.0.0"
        var gateway: String
    }
    struct Service: Encodable {
        var type = "dns"
        var address: String
    }
    struct Network: Encodable {
        var id: String
        var type = "ipv4"
        var link: String
        var ipAddress: String
        var netmask: String
        var routes: [Route]
        var networkID: String
        var services: [Service]
        enum CodingKeys: String, CodingKey {
            case id, type, link, ipAddress = "ip_address", netmask, routes, networkID = "network_id", services
        }
    }

    var links: [Link] = []
    var networks: [Network] = []
    var services: [Service] = []

    init(_ interfaces: [GuestInterface]) {
        for interface in interfaces {
            // Nova names a link by its tap device: "tap" and the port id's first 11 characters.
            let linkID = "tap" + interface.portID.prefix(11)
            links.append(Link(id: linkID, ethernetMACAddress: interface.macAddress, mtu: interface.mtu, vifID: interface.portID))
            guard let address = interface.address else { continue }
            let dns = interface.dnsNameservers.map { Service(address: $0) }
            networks.append(Network(
                id: "network\(networks.count)", link: linkID, ipAddress: address, netmask: interface.netmask,
                routes: interface.gateway.map { [Route(gateway: $0)] } ?? [], networkID: interface.networkID,
                services: dns))
            for service in dns where !services.contains(where: { $0.address == service.address }) {
                services.append(service)
            }
        }
    }
}
