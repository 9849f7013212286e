import Foundation
import HTTPTypes
import StratusCore
import StratusOpenStack
import Testing

/// Nova's deprecated proxies over the networking subset (2.1–2.35), and the small
/// server and image endpoints tempest's compute tests reach.
@Suite("Nova network proxies")
struct NovaNetworkProxyTests {
    static let version = HTTPField.Name("OpenStack-API-Version")!

    @Test("os-security-groups and rules in Nova's shapes and words; gone from 2.36")
    func securityGroups() async throws {
        try await TestCloud.run { cloud in
            let (_, member) = try await NetworkHTTPTests.tokens(cloud)
            let created = try await cloud.send(.post, "/compute/v2.1/os-security-groups", token: member,
                                               json: ["security_group": ["name": " web ", "description": "http"]])
            #expect(created.status == .ok)
            let group = try #require(created.json?["security_group"])
            #expect(group["name"]?.stringValue == " web ")
            #expect(group["rules"]?.arrayValue?.isEmpty == true, "Nova shows ingress rules only; a new group has egress ones")
            let id = try #require(group["id"]?.stringValue)
            let rule = try await cloud.send(.post, "/compute/v2.1/os-security-group-rules", token: member, json: [
                "security_group_rule": ["parent_group_id": .string(id), "ip_protocol": "tcp", "from_port": 22,
                                        "to_port": 22, "cidr": "10.2.3.124/24"],
            ])
            #expect(rule.status == .ok)
            #expect(rule.json?["security_group_rule"]?["ip_range"]?["cidr"]?.stringValue == "10.2.3.124/24")
            let again = try await cloud.send(.post, "/compute/v2.1/os-security-group-rules", token: member, json: [
                "security_group_rule": ["parent_group_id": .string(id), "ip_protocol": "tcp", "from_port": 22,
                                        "to_port": 22, "cidr": "10.2.3.124/24"],
            ])
            #expect(again.status == .badRequest)
            for bad: JSONValue in [
                ["parent_group_id": .string(id), "ip_protocol": "tcp", "from_port": 0, "to_port": 22],
                ["parent_group_id": .string(id), "ip_protocol": "tcp", "from_port": 30, "to_port": 22],
                ["parent_group_id": .string(id), "ip_protocol": "gre", "from_port": 1, "to_port": 2],
                ["parent_group_id": "not-a-uuid", "ip_protocol": "tcp", "from_port": 1, "to_port": 2],
            ] {
                let refused = try await cloud.send(.post, "/compute/v2.1/os-security-group-rules", token: member,
                                                   json: ["security_group_rule": bad])
                #expect(refused.status == .badRequest, "\(bad)")
            }
            let listed = try await cloud.send(.get, "/compute/v2.1/os-security-groups", token: member)
            let names = listed.json?["security_groups"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            #expect(Set(names) == ["default", " web "])
            let missing = try await cloud.send(.get, "/compute/v2.1/os-security-groups/\(UUID().uuidString.lowercased())", token: member)
            #expect(missing.status == .notFound)
            #expect(missing.json?["itemNotFound"] != nil)
            let defaultID = try #require(listed.json?["security_groups"]?.arrayValue?
                .first { $0["name"] == "default" }?["id"]?.stringValue)
            #expect(try await cloud.send(.delete, "/compute/v2.1/os-security-groups/\(defaultID)", token: member).status == .badRequest)
            #expect(try await cloud.send(.delete, "/compute/v2.1/os-security-groups/\(id)", token: member).status == .accepted)
            let late = try await cloud.send(.get, "/compute/v2.1/os-security-groups", token: member,
                                            headers: [Self.version: "compute 2.36"])
            #expect(late.status == .notFound)
        }
    }

    @Test("os-tenant-networks and os-networks list the usable networks; a server's password is empty")
    func networksAndPassword() async throws {
        try await TestCloud.run { cloud in
            let (admin, member) = try await NetworkHTTPTests.tokens(cloud)
            let tenant = try await cloud.send(.get, "/compute/v2.1/os-tenant-networks", token: member)
            let network = try #require(tenant.json?["networks"]?.arrayValue?.first)
            #expect(network.objectValue?.keys.sorted() == ["cidr", "id", "label"])
            #expect(network["label"]?.stringValue == "shared")
            let id = try #require(network["id"]?.stringValue)
            let shown = try await cloud.send(.get, "/compute/v2.1/os-networks/\(id)", token: admin)
            #expect(shown.json?["network"]?["label"]?.stringValue == "shared")
            #expect(try await cloud.send(.get, "/compute/v2.1/os-networks/nope", token: admin).status == .notFound)

            let server = try await cloud.send(.post, "/compute/v2.1/servers", token: member, json: ["server": [
                "name": "vm", "imageRef": .string(NetworkHTTPTests.imageID), "flavorRef": "1",
            ]])
            let serverID = try #require(server.json?["server"]?["id"]?.stringValue)
            let password = try await cloud.send(.get, "/compute/v2.1/servers/\(serverID)/os-server-password", token: member)
            #expect(password.json == ["password": ""])
            #expect(try await cloud.send(.delete, "/compute/v2.1/servers/\(serverID)/os-server-password", token: member)
                .status == .noContent)
            #expect(try await cloud.send(.get, "/compute/v2.1/servers/nope/os-server-password", token: member).status == .notFound)

            let tasks = try await cloud.send(.get, "/image/v2/images/\(NetworkHTTPTests.imageID)/tasks", token: member)
            #expect(tasks.json == ["tasks": []])
            #expect(try await cloud.send(.get, "/image/v2/images/\(UUID().uuidString)/tasks", token: member,
                                         headers: [.accept: "application/json"]).status == .notFound)
        }
    }
}
