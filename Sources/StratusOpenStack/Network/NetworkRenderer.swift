import Foundation
import StratusCore

/// Neutron's resource views, field by field as Neutron 2024+ shows them with the
/// extensions this subset lists (`NetworkFront.extensions`).
struct NetworkRenderer: Sendable {
    func network(_ network: Network, subnets: [String]) -> JSONValue {
        var fields = common(id: network.id, name: network.name, projectID: network.projectID,
                            description: network.description, created: network.createdAt, updated: network.updatedAt,
                            revision: network.revision)
        fields["admin_state_up"] = .bool(network.adminStateUp)
        fields["status"] = "ACTIVE"
        fields["subnets"] = .array(subnets.map(JSONValue.string))
        fields["shared"] = .bool(network.shared)
        fields["router:external"] = .bool(network.external)
        fields["mtu"] = .int(network.mtu)
        fields["availability_zone_hints"] = []
        fields["availability_zones"] = ["nova"]
        fields["ipv4_address_scope"] = .null
        fields["ipv6_address_scope"] = .null
        fields["port_security_enabled"] = true
        fields["l2_adjacency"] = true
        return .object(fields)
    }

    func subnet(_ subnet: Subnet) -> JSONValue {
        var fields = common(id: subnet.id, name: subnet.name, projectID: subnet.projectID,
                            description: subnet.description, created: subnet.createdAt, updated: subnet.updatedAt,
                            revision: subnet.revision)
        fields["network_id"] = .string(subnet.networkID)
        fields["ip_version"] = .int(subnet.ipVersion)
        fields["cidr"] = .string(subnet.cidr)
        fields["gateway_ip"] = subnet.gatewayIP.map(JSONValue.string) ?? .null
        fields["allocation_pools"] = .array(subnet.allocationPools.map {
            ["start": .string(IPv4.format($0.start)), "end": .string(IPv4.format($0.end))]
        })
        fields["enable_dhcp"] = .bool(subnet.enableDHCP)
        fields["dns_nameservers"] = .array(subnet.dnsNameservers.map(JSONValue.string))
        fields["host_routes"] = []
        fields["ipv6_ra_mode"] = .null
        fields["ipv6_address_mode"] = .null
        fields["subnetpool_id"] = .null
        fields["service_types"] = []
        return .object(fields)
    }

    func port(_ port: NetworkPort) -> JSONValue {
        var fields = common(id: port.id, name: port.name, projectID: port.projectID, description: port.description,
                            created: port.createdAt, updated: port.updatedAt, revision: port.revision)
        fields["network_id"] = .string(port.networkID)
        fields["mac_address"] = .string(port.macAddress)
        fields["admin_state_up"] = .bool(port.adminStateUp)
        fields["status"] = .string(port.status)
        fields["device_id"] = .string(port.deviceID)
        fields["device_owner"] = .string(port.deviceOwner)
        fields["fixed_ips"] = .array(port.fixedIPs.map {
            ["subnet_id": .string($0.subnetID), "ip_address": .string($0.text)]
        })
        fields["security_groups"] = .array(port.securityGroupIDs.map(JSONValue.string))
        fields["allowed_address_pairs"] = []
        fields["extra_dhcp_opts"] = []
        fields["binding:vnic_type"] = "normal"
        fields["port_security_enabled"] = true
        return .object(fields)
    }

    func securityGroup(_ group: SecurityGroup, rules: [SecurityGroupRule]) -> JSONValue {
        var fields = common(id: group.id, name: group.name, projectID: group.projectID,
                            description: group.description, created: group.createdAt, updated: group.updatedAt,
                            revision: group.revision)
        fields["security_group_rules"] = .array(rules.map(rule))
        fields["stateful"] = .bool(group.stateful)
        fields["shared"] = false
        return .object(fields)
    }

    func rule(_ rule: SecurityGroupRule) -> JSONValue {
        var fields: [String: JSONValue] = [
            "id": .string(rule.id), "security_group_id": .string(rule.securityGroupID),
            "tenant_id": .string(rule.projectID), "project_id": .string(rule.projectID),
            "direction": .string(rule.direction.rawValue), "ethertype": .string(rule.ethertype.rawValue),
            "protocol": rule.protocolName.map(JSONValue.string) ?? .null,
            "port_range_min": rule.portRangeMin.map(JSONValue.int) ?? .null,
            "port_range_max": rule.portRangeMax.map(JSONValue.int) ?? .null,
            "remote_ip_prefix": rule.remoteIPPrefix.map(JSONValue.string) ?? .null,
            "remote_group_id": rule.remoteGroupID.map(JSONValue.string) ?? .null,
            "remote_address_group_id": .null,
            "normalized_cidr": rule.normalizedCIDR.map(JSONValue.string) ?? .null,
            "description": .string(rule.description),
            "created_at": .string(UTCTimestamp.seconds(rule.createdAt)),
            "updated_at": .string(UTCTimestamp.seconds(rule.createdAt)),
            "revision_number": 0,
        ]
        fields["tags"] = []
        return .object(fields)
    }

    private func common(
        id: String, name: String, projectID: String, description: String, created: Date, updated: Date, revision: Int
    ) -> [String: JSONValue] {
        [
            "id": .string(id), "name": .string(name), "tenant_id": .string(projectID),
            "project_id": .string(projectID), "description": .string(description), "tags": [],
            "created_at": .string(UTCTimestamp.seconds(created)), "updated_at": .string(UTCTimestamp.seconds(updated)),
            "revision_number": .int(revision),
        ]
    }
}
