import Foundation
import Hummingbird
import StratusCore

extension ComputeFront {
    /// A server's addresses (`/servers/{id}/ips`) and security groups
    /// (`/servers/{id}/os-security-groups`), Nova's views over its ports.
    func addServerNetworkingRoutes(_ group: RouterGroup<Context>) {
        group.get("servers/:id/ips") { _, context in
            let instance = try await compute.serverAddresses(try context.caller(), id: try context.parameter("id"))
            return try Response.json(["addresses": .object(Self.basicAddresses(instance))])
        }
        group.get("servers/:id/ips/:network") { _, context in
            let instance = try await compute.serverAddresses(try context.caller(), id: try context.parameter("id"))
            let network = try context.parameter("network")
            guard let addresses = Self.basicAddresses(instance)[network] else {
                throw ComputeError.notFound("Network \(network) could not be found.")
            }
            return try Response.json(.object([network: addresses]))
        }
        group.get("servers/:id/os-security-groups") { _, context in
            let groups = try await compute.serverSecurityGroups(try context.caller(), id: try context.parameter("id"))
            let names = Dictionary(groups.map { ($0.0.id, $0.0) }, uniquingKeysWith: { first, _ in first })
            return try Response.json(["security_groups": .array(groups.map { Self.novaSecurityGroup($0.0, $0.1, names) })])
        }
    }

    /// The ips API shows only version and address.
    static func basicAddresses(_ instance: Instance) -> [String: JSONValue] {
        var byNetwork: [String: [JSONValue]] = [:]
        for interface in instance.interfaces {
            byNetwork[interface.networkName, default: []] += interface.addresses.map {
                ["version": $0.contains(":") ? 6 : 4, "addr": .string($0)]
            }
        }
        return byNetwork.mapValues(JSONValue.array)
    }

    /// Nova's security group view: ingress rules only, with `ip_range` or `group`.
    static func novaSecurityGroup(
        _ group: SecurityGroup, _ rules: [SecurityGroupRule], _ known: [String: SecurityGroup]
    ) -> JSONValue {
        [
            "id": .string(group.id), "name": .string(group.name), "description": .string(group.description),
            "tenant_id": .string(group.projectID),
            "rules": .array(rules.filter { $0.direction == .ingress }.map { rule in
                var shown: [String: JSONValue] = [
                    "id": .string(rule.id), "parent_group_id": .string(group.id),
                    "ip_protocol": rule.protocolName.map(JSONValue.string) ?? .null,
                    "from_port": rule.portRangeMin.map(JSONValue.int) ?? .null,
                    "to_port": rule.portRangeMax.map(JSONValue.int) ?? .null,
                    "group": [:], "ip_range": [:],
                ]
                if let remote = rule.remoteGroupID {
                    shown["group"] = ["name": .string(known[remote]?.name ?? remote), "tenant_id": .string(group.projectID)]
                } else if let prefix = rule.remoteIPPrefix {
                    shown["ip_range"] = ["cidr": .string(prefix)]
                }
                return .object(shown)
            }),
        ]
    }
}
