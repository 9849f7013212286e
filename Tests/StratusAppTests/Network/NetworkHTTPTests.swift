import Foundation
import HTTPTypes
import StratusCore
import StratusOpenStack
import Testing

/// The Networking v2 subset through HTTP, and what it gives servers: a port on
/// the shared network with a real address, security groups on the port.
@Suite("Networking v2")
struct NetworkHTTPTests {
    static let imageID = "5a7c0e1e-57a7-4000-8000-7e57000000a1"

    /// A member "alice" of project "alpha"; returns (admin token, alice token).
    static func tokens(_ cloud: TestCloud) async throws -> (admin: String, member: String) {
        let admin = try await cloud.token()
        _ = try await cloud.makeUser("alice", role: "member", project: "alpha", adminToken: admin)
        return (admin, try await cloud.token(user: "alice", password: "pw-alice", project: "alpha"))
    }

    static func neutronType(_ reply: Reply) -> String? { reply.json?["NeutronError"]?["type"]?.stringValue }

    func createServer(_ cloud: TestCloud, _ token: String, _ extra: [String: JSONValue] = [:]) async throws -> Reply {
        var server: [String: JSONValue] = ["name": "vm", "imageRef": .string(Self.imageID), "flavorRef": "1"]
        server.merge(extra) { _, new in new }
        return try await cloud.send(.post, "/compute/v2.1/servers", token: token, json: ["server": .object(server)])
    }

    @Test("the first start makes a shared network every project sees, and the catalog lists the network service")
    func sharedNetwork() async throws {
        try await TestCloud.run { cloud in
            let (_, member) = try await Self.tokens(cloud)
            let networks = try await cloud.send(.get, "/network/v2.0/networks", token: member)
            #expect(networks.status == .ok)
            let shared = try #require(networks.json?["networks"]?.arrayValue?.first)
            #expect(shared["name"]?.stringValue == "shared")
            #expect(shared["shared"] == .bool(true))
            let subnetID = try #require(shared["subnets"]?.arrayValue?.first?.stringValue)
            let subnet = try await cloud.send(.get, "/network/v2.0/subnets/\(subnetID)", token: member)
            #expect(subnet.json?["subnet"]?["cidr"]?.stringValue == "10.0.0.0/16")
            #expect(subnet.json?["subnet"]?["gateway_ip"]?.stringValue == "10.0.0.1")
            let versions = try await cloud.send(.get, "/network", token: nil)
            #expect(versions.json?["versions"]?.arrayValue?.first?["id"]?.stringValue == "v2.0")
            let catalog = try await cloud.send(.get, "/identity/v3/auth/catalog", token: member)
            let types = catalog.json?["catalog"]?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? []
            #expect(types.contains("network"))
        }
    }

    @Test("a server gets a port on the shared network: distinct addresses, shown in addresses and ports; delete frees it")
    func serverPorts() async throws {
        try await TestCloud.run { cloud in
            let (_, member) = try await Self.tokens(cloud)
            let first = try #require(try await createServer(cloud, member).json?["server"]?["id"]?.stringValue)
            let second = try #require(try await createServer(cloud, member).json?["server"]?["id"]?.stringValue)
            var addresses: [String] = []
            for id in [first, second] {
                let shown = try await cloud.send(.get, "/compute/v2.1/servers/\(id)", token: member)
                let entry = try #require(shown.json?["server"]?["addresses"]?["shared"]?.arrayValue?.first)
                addresses.append(try #require(entry["addr"]?.stringValue))
                #expect(entry["version"] == .int(4))
                #expect(entry["OS-EXT-IPS:type"]?.stringValue == "fixed")
                #expect(entry["OS-EXT-IPS-MAC:mac_addr"]?.stringValue?.hasPrefix("fa:16:3e:") == true)
                #expect(shown.json?["server"]?["security_groups"]?.arrayValue?.first?["name"]?.stringValue == "default")
            }
            #expect(Set(addresses).count == 2)
            #expect(addresses.allSatisfy { $0.hasPrefix("10.0.") })
            let ports = try await cloud.send(.get, "/network/v2.0/ports?device_id=\(first)", token: member)
            let port = try #require(ports.json?["ports"]?.arrayValue?.first)
            #expect(port["device_owner"]?.stringValue == "compute:nova")
            #expect(port["fixed_ips"]?.arrayValue?.first?["ip_address"]?.stringValue == addresses[0])
            let ips = try await cloud.send(.get, "/compute/v2.1/servers/\(first)/ips", token: member)
            #expect(ips.json?["addresses"]?["shared"]?.arrayValue?.first?["addr"]?.stringValue == addresses[0])
            // No host runs in this cloud, so the delete finishes at once, ports and all.
            #expect(try await cloud.send(.delete, "/compute/v2.1/servers/\(first)", token: member).status == .noContent)
            let after = try await cloud.send(.get, "/network/v2.0/ports?device_id=\(first)", token: member)
            #expect(after.json?["ports"]?.arrayValue?.isEmpty == true)
            let filtered = try await cloud.send(.get, "/compute/v2.1/servers?ip=\(addresses[1])", token: member)
            #expect(filtered.json?["servers"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [second])
        }
    }

    @Test("a host reads a server's ports as Nova's network_info: MAC, address, the subnet's prefix and gateway, in the server's order")
    func guestInterfaces() async throws {
        try await TestCloud.run { cloud in
            let (admin, member) = try await Self.tokens(cloud)
            let made = try await cloud.send(.post, "/network/v2.0/networks", token: admin, json: ["network": ["name": "second", "shared": true]])
            let secondID = try #require(made.json?["network"]?["id"]?.stringValue)
            let subnet = try await cloud.send(.post, "/network/v2.0/subnets", token: admin, json: ["subnet": [
                "network_id": .string(secondID), "cidr": "192.168.7.0/24", "ip_version": 4,
                "dns_nameservers": ["192.168.7.53"],
            ]])
            #expect(subnet.status == .created)
            let shared = try #require(try await cloud.send(.get, "/network/v2.0/networks?name=shared", token: member)
                .json?["networks"]?.arrayValue?.first?["id"]?.stringValue)
            let created = try await createServer(cloud, member, ["networks": [["uuid": .string(secondID)], ["uuid": .string(shared)]]])
            let id = try #require(created.json?["server"]?["id"]?.stringValue)
            let instance = try #require(try await cloud.cloud.store.instance(id: id))
            let interfaces = try await cloud.cloud.compute.guestInterfaces(of: instance)
            #expect(interfaces.map(\.networkID) == [secondID, shared])
            #expect(interfaces.map(\.portID) == instance.interfaces.map(\.portID))
            #expect(interfaces.map(\.macAddress) == instance.interfaces.map(\.macAddress))
            #expect(interfaces[0].address?.hasPrefix("192.168.7.") == true)
            #expect(interfaces[0].prefixLength == 24 && interfaces[0].netmask == "255.255.255.0")
            #expect(interfaces[0].gateway == "192.168.7.1")
            #expect(interfaces[0].dnsNameservers == ["192.168.7.53"])
            #expect(interfaces[1].address == instance.interfaces[1].addresses.first)
            #expect(interfaces[1].prefixLength == 16 && interfaces[1].gateway == "10.0.0.1")
        }
    }

    @Test("ten creates at once (the project's quota) all commit, each with its own address")
    func concurrentCreates() async throws {
        try await TestCloud.run { cloud in
            let (_, member) = try await Self.tokens(cloud)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        let reply = try await createServer(cloud, member)
                        if reply.status != .accepted { Issue.record("create: \(reply.status) \(String(describing: reply.json))") }
                        return Int(reply.status.code)
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 202, count: 10))
            let ports = try await cloud.send(.get, "/network/v2.0/ports", token: member)
            let addresses = ports.json?["ports"]?.arrayValue?.compactMap { $0["fixed_ips"]?.arrayValue?.first?["ip_address"]?.stringValue } ?? []
            #expect(addresses.count == 10)
            #expect(Set(addresses).count == 10)
        }
    }

    @Test("explicit networks, fixed addresses and ports the user brought; a taken address is Nova's 400")
    func explicitNetworks() async throws {
        try await TestCloud.run { cloud in
            let (_, member) = try await Self.tokens(cloud)
            let network = try await cloud.send(.post, "/network/v2.0/networks", token: member, json: ["network": ["name": "mine"]])
            #expect(network.status == .created)
            let networkID = try #require(network.json?["network"]?["id"]?.stringValue)
            let subnet = try await cloud.send(.post, "/network/v2.0/subnets", token: member, json: [
                "subnet": ["network_id": .string(networkID), "cidr": "192.168.7.0/24", "ip_version": 4],
            ])
            #expect(subnet.status == .created)
            let fixed = try await createServer(cloud, member, ["networks": [["uuid": .string(networkID), "fixed_ip": "192.168.7.50"]]])
            #expect(fixed.status == .accepted)
            let id = try #require(fixed.json?["server"]?["id"]?.stringValue)
            let shown = try await cloud.send(.get, "/compute/v2.1/servers/\(id)", token: member)
            #expect(shown.json?["server"]?["addresses"]?["mine"]?.arrayValue?.first?["addr"]?.stringValue == "192.168.7.50")
            let again = try await createServer(cloud, member, ["networks": [["uuid": .string(networkID), "fixed_ip": "192.168.7.50"]]])
            #expect(again.status == .badRequest)
            // Two networks visible now: Nova asks which one.
            #expect(try await createServer(cloud, member).status == .conflict)

            let port = try await cloud.send(.post, "/network/v2.0/ports", token: member, json: ["port": ["network_id": .string(networkID)]])
            #expect(port.json?["port"]?["status"]?.stringValue == "DOWN")
            let portID = try #require(port.json?["port"]?["id"]?.stringValue)
            let withPort = try await createServer(cloud, member, ["networks": [["port": .string(portID)]]])
            let serverID = try #require(withPort.json?["server"]?["id"]?.stringValue)
            let bound = try await cloud.send(.get, "/network/v2.0/ports/\(portID)", token: member)
            #expect(bound.json?["port"]?["device_id"]?.stringValue == serverID)
            #expect(try await createServer(cloud, member, ["networks": [["port": .string(portID)]]]).status == .conflict)
            #expect(Self.neutronType(try await cloud.send(.delete, "/network/v2.0/ports/\(portID)", token: member)) == "PortInUse")
            _ = try await cloud.send(.delete, "/compute/v2.1/servers/\(serverID)", token: member)
            let unbound = try await cloud.send(.get, "/network/v2.0/ports/\(portID)", token: member)
            #expect(unbound.json?["port"]?["device_id"]?.stringValue == "")
            #expect(Self.neutronType(try await cloud.send(.delete, "/network/v2.0/networks/\(networkID)", token: member)) == "NetworkInUse")
            let missing = try await createServer(cloud, member, ["networks": [["uuid": "3f1c2a9e-0000-4000-8000-000000000000"]]])
            #expect(missing.status == .badRequest)
        }
    }

    @Test("security groups: one default per project, rules checked and unique, groups on a server's ports")
    func securityGroups() async throws {
        try await TestCloud.run { cloud in
            let (_, member) = try await Self.tokens(cloud)
            for _ in 0..<2 {
                let listed = try await cloud.send(.get, "/network/v2.0/security-groups?name=default", token: member)
                #expect(listed.json?["security_groups"]?.arrayValue?.count == 1)
                #expect(listed.json?["security_groups"]?.arrayValue?.first?["security_group_rules"]?.arrayValue?.count == 4)
            }
            let web = try await cloud.send(.post, "/network/v2.0/security-groups", token: member,
                                           json: ["security_group": ["name": "web", "description": "http"]])
            #expect(web.status == .created)
            let webID = try #require(web.json?["security_group"]?["id"]?.stringValue)
            let rule: JSONValue = ["security_group_rule": [
                "security_group_id": .string(webID), "direction": "ingress", "protocol": "tcp",
                "port_range_min": 80, "port_range_max": 80, "remote_ip_prefix": "0.0.0.0/0",
            ]]
            #expect(try await cloud.send(.post, "/network/v2.0/security-group-rules", token: member, json: rule).status == .created)
            let duplicate = try await cloud.send(.post, "/network/v2.0/security-group-rules", token: member, json: rule)
            #expect(duplicate.status == .conflict)
            #expect(Self.neutronType(duplicate) == "SecurityGroupRuleExists")
            let badPorts = try await cloud.send(.post, "/network/v2.0/security-group-rules", token: member, json: ["security_group_rule": [
                "security_group_id": .string(webID), "direction": "ingress", "protocol": "tcp",
                "port_range_min": 90, "port_range_max": 80,
            ]])
            #expect(badPorts.status == .badRequest)

            let server = try await createServer(cloud, member, ["security_groups": [["name": "web"]]])
            #expect(server.json?["server"]?["security_groups"]?.arrayValue?.first?["name"]?.stringValue == "web")
            let id = try #require(server.json?["server"]?["id"]?.stringValue)
            #expect(Self.neutronType(try await cloud.send(.delete, "/network/v2.0/security-groups/\(webID)", token: member)) == "SecurityGroupInUse")
            let add = try await cloud.send(.post, "/compute/v2.1/servers/\(id)/action", token: member,
                                           json: ["addSecurityGroup": ["name": "default"]])
            #expect(add.status == .accepted)
            let groups = try await cloud.send(.get, "/compute/v2.1/servers/\(id)/os-security-groups", token: member)
            #expect(Set(groups.json?["security_groups"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []) == ["web", "default"])
            let remove = try await cloud.send(.post, "/compute/v2.1/servers/\(id)/action", token: member,
                                              json: ["removeSecurityGroup": ["name": "web"]])
            #expect(remove.status == .accepted)
            let shown = try await cloud.send(.get, "/compute/v2.1/servers/\(id)", token: member)
            #expect(shown.json?["server"]?["security_groups"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["default"])
            #expect(try await cloud.send(.delete, "/network/v2.0/security-groups/\(webID)", token: member).status == .noContent)
            let unknown = try await createServer(cloud, member, ["security_groups": [["name": "nope"]]])
            #expect(unknown.status == .badRequest)
            let defaultID = try #require(try await cloud.send(.get, "/network/v2.0/security-groups?name=default", token: member)
                .json?["security_groups"]?.arrayValue?.first?["id"]?.stringValue)
            let removeDefault = try await cloud.send(.delete, "/network/v2.0/security-groups/\(defaultID)", token: member)
            #expect(removeDefault.status == .conflict)
        }
    }

    @Test("policy, visibility and bad input: Neutron's codes and error format; nothing changes")
    func policyAndErrors() async throws {
        try await TestCloud.run { cloud in
            let (admin, member) = try await Self.tokens(cloud)
            let shared = try await cloud.send(.post, "/network/v2.0/networks", token: member,
                                              json: ["network": ["name": "x", "shared": true]])
            #expect(shared.status == .forbidden)
            #expect(Self.neutronType(shared) == "PolicyNotAuthorized")
            let adminNet = try await cloud.send(.post, "/network/v2.0/networks", token: admin, json: ["network": ["name": "ops"]])
            let adminNetID = try #require(adminNet.json?["network"]?["id"]?.stringValue)
            let hidden = try await cloud.send(.get, "/network/v2.0/networks/\(adminNetID)", token: member)
            #expect(hidden.status == .notFound)
            #expect(hidden.json?["NeutronError"]?["message"]?.stringValue == "Network \(adminNetID) could not be found.")
            let unknown = try await cloud.send(.post, "/network/v2.0/networks", token: member, json: ["network": ["colour": "red"]])
            #expect(unknown.status == .badRequest)
            #expect(try await cloud.send(.get, "/network/v2.0/networks?colour=red", token: member).status == .badRequest)
            let mine = try #require(try await cloud.send(.post, "/network/v2.0/networks", token: member, json: ["network": ["name": "m"]])
                .json?["network"]?["id"]?.stringValue)
            let hostBits = try await cloud.send(.post, "/network/v2.0/subnets", token: member, json: [
                "subnet": ["network_id": .string(mine), "cidr": "10.9.0.5/24", "ip_version": 4],
            ])
            #expect(hostBits.status == .badRequest)
            #expect(try await cloud.send(.post, "/network/v2.0/subnets", token: member, json: [
                "subnet": ["network_id": .string(mine), "cidr": "10.9.0.0/24", "ip_version": 4],
            ]).status == .created)
            let overlap = try await cloud.send(.post, "/network/v2.0/subnets", token: member, json: [
                "subnet": ["network_id": .string(mine), "cidr": "10.9.0.128/25", "ip_version": 4],
            ])
            #expect(overlap.status == .badRequest)
            let subnets = try await cloud.send(.get, "/network/v2.0/subnets?network_id=\(mine)", token: member)
            #expect(subnets.json?["subnets"]?.arrayValue?.count == 1)
            let page = try await cloud.send(.get, "/network/v2.0/networks?limit=1&fields=id", token: member)
            #expect(page.json?["networks"]?.arrayValue?.count == 1)
            #expect(page.json?["networks"]?.arrayValue?.first?.objectValue?.keys.sorted() == ["id"])
            #expect(page.json?["networks_links"] != nil)
            #expect(try await cloud.send(.get, "/network/v2.0/networks", token: nil).status == .unauthorized)
        }
    }
}
