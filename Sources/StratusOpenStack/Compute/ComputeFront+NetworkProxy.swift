import Foundation
import Hummingbird
import StratusCore

/// Nova's deprecated network proxies (2.1–2.35; 404 from 2.36): `/os-networks`
/// and `/os-tenant-networks` list the networks the caller may use, in Nova's
/// view of a Neutron network (an id and a label; the nova-network fields null).
extension ComputeFront {
    static let novaNetworkFields = [
        "cidr", "netmask", "gateway", "broadcast", "dns1", "dns2", "cidr_v6", "gateway_v6", "netmask_v6",
    ]
    static let novaNetworkAdminFields = [
        "created_at", "updated_at", "deleted_at", "deleted", "injected", "bridge", "vlan", "vpn_public_address",
        "vpn_public_port", "vpn_private_address", "dhcp_start", "project_id", "host", "bridge_interface",
        "multi_host", "priority", "rxtx_base", "mtu", "dhcp_server", "enable_dhcp", "share_address",
    ]

    func addNetworkProxyRoutes(_ api: RouterGroup<Context>) {
        api.get("os-networks") { _, context in
            let caller = try context.caller()
            try Self.requireProxy(context)
            let networks = try await Self.proxied { try await network.networks(caller) }
            return try Response.json(["networks": .array(networks.map { Self.novaNetwork($0, admin: caller.auth.isCloudAdmin) })])
        }
        api.get("os-networks/:id") { _, context in
            let caller = try context.caller()
            try Self.requireProxy(context)
            let id = try context.parameter("id")
            let found = try await Self.networkOrNovaNotFound(id) { try await network.network(caller, id: id) }
            return try Response.json(["network": Self.novaNetwork(found, admin: caller.auth.isCloudAdmin)])
        }
        api.get("os-tenant-networks") { _, context in
            let caller = try context.caller()
            try Self.requireProxy(context)
            let networks = try await Self.proxied { try await network.usableNetworks(caller) }
            return try Response.json(["networks": .array(networks.map(Self.tenantNetwork))])
        }
        api.get("os-tenant-networks/:id") { _, context in
            let caller = try context.caller()
            try Self.requireProxy(context)
            let id = try context.parameter("id")
            let found = try await Self.networkOrNovaNotFound(id) { try await network.network(caller, id: id) }
            return try Response.json(["network": Self.tenantNetwork(found)])
        }
    }

    static func networkOrNovaNotFound(_ id: String, _ body: () async throws -> Network) async throws -> Network {
        do {
            return try await body()
        } catch let error as NetworkError where error.status == .notFound {
            throw ComputeError.notFound("Network \(id) could not be found.")
        }
    }

    static func novaNetwork(_ network: Network, admin: Bool) -> JSONValue {
        var fields: [String: JSONValue] = ["id": .string(network.id), "label": .string(network.name)]
        for key in novaNetworkFields { fields[key] = .null }
        if admin {
            for key in novaNetworkAdminFields { fields[key] = .null }
            fields["project_id"] = .string(network.projectID)
            fields["mtu"] = .int(network.mtu)
        }
        return .object(fields)
    }

    static func tenantNetwork(_ network: Network) -> JSONValue {
        ["id": .string(network.id), "label": .string(network.name), "cidr": .null]
    }
}
