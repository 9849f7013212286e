import Foundation
import HTTPTypes
import StratusCore
import StratusOpenStack
import Testing

/// Neutron's quotas over HTTP: the routes openstackclient and Ansible read and
/// write, their policy, and enforcement inside the inserting transaction.
@Suite("Networking v2 quotas")
struct NetworkQuotaHTTPTests {
    static let neutronDefaults: [String: Int] = [
        "network": 100, "subnet": 100, "port": 500, "security_group": 10, "security_group_rule": 100,
        "router": 10, "floatingip": 50, "rbac_policy": 10, "subnetpool": -1,
    ]

    static func neutronType(_ reply: Reply) -> String? { reply.json?["NeutronError"]?["type"]?.stringValue }

    static func limit(_ cloud: TestCloud, _ admin: String, _ project: String, _ quota: JSONValue) async throws {
        let set = try await cloud.send(.put, "/network/v2.0/quotas/\(project)", token: admin, json: ["quota": quota])
        try #require(set.status == .ok, "set quota: \(set.status) \(String(describing: set.json))")
    }

    static func createNetwork(_ cloud: TestCloud, _ token: String, _ name: String) async throws -> Reply {
        try await cloud.send(.post, "/network/v2.0/networks", token: token, json: ["network": ["name": .string(name)]])
    }

    @Test("every quota route answers (none is the 404 clients met before), in Neutron's shapes")
    func routesAnswer() async throws {
        try await TestCloud.run { cloud in
            let (admin, member) = try await NetworkHTTPTests.tokens(cloud)
            let project = try #require(try await cloud.send(.get, "/network/v2.0/quotas/project", token: member)
                .json?["project"]?["project_id"]?.stringValue)
            for path in ["quotas", "quotas/\(project)", "quotas/\(project)/details", "quotas/\(project)/default", "quotas/tenant"] {
                let reply = try await cloud.send(.get, "/network/v2.0/\(path)", token: admin)
                #expect(reply.status == .ok, "GET \(path): \(reply.status)")
            }
            #expect(try await cloud.send(.put, "/network/v2.0/quotas/\(project)", token: admin,
                                         json: ["quota": ["network": 5]]).status == .ok)
            #expect(try await cloud.send(.delete, "/network/v2.0/quotas/\(project)", token: admin).status == .noContent)

            let shown = try await cloud.send(.get, "/network/v2.0/quotas/\(project)", token: member)
            #expect(shown.json?["quota"] == .object(Self.neutronDefaults.mapValues { .int($0) }))
            let defaults = try await cloud.send(.get, "/network/v2.0/quotas/\(project)/default", token: member)
            #expect(defaults.json?["quota"] == shown.json?["quota"])
            let extensions = try await cloud.send(.get, "/network/v2.0/extensions", token: member)
            let aliases = extensions.json?["extensions"]?.arrayValue?.compactMap { $0["alias"]?.stringValue } ?? []
            #expect(aliases.contains("quotas") && aliases.contains("quota_details"))
        }
    }

    @Test("details count what the project holds: its networks, subnets, ports, groups and rules")
    func detailsCountUsage() async throws {
        try await TestCloud.run { cloud in
            let (_, member) = try await NetworkHTTPTests.tokens(cloud)
            let networkID = try #require(try await Self.createNetwork(cloud, member, "n").json?["network"]?["id"]?.stringValue)
            #expect(try await cloud.send(.post, "/network/v2.0/subnets", token: member, json: [
                "subnet": ["network_id": .string(networkID), "cidr": "10.8.0.0/24", "ip_version": 4],
            ]).status == .created)
            #expect(try await cloud.send(.post, "/network/v2.0/ports", token: member,
                                         json: ["port": ["network_id": .string(networkID)]]).status == .created)
            let project = try #require(try await cloud.send(.get, "/network/v2.0/quotas/project", token: member)
                .json?["project"]?["project_id"]?.stringValue)
            let details = try await cloud.send(.get, "/network/v2.0/quotas/\(project)/details", token: member)
            #expect(details.status == .ok)
            let quota = try #require(details.json?["quota"])
            #expect(quota["network"] == ["limit": 100, "used": 1, "reserved": 0])
            #expect(quota["subnet"] == ["limit": 100, "used": 1, "reserved": 0])
            #expect(quota["port"] == ["limit": 500, "used": 1, "reserved": 0])
            // The port made the project's default group (four rules), as Neutron does.
            #expect(quota["security_group"] == ["limit": 10, "used": 1, "reserved": 0])
            #expect(quota["security_group_rule"] == ["limit": 100, "used": 4, "reserved": 0])
            #expect(quota["router"] == ["limit": 10, "used": 0, "reserved": 0])
            #expect(quota["subnetpool"] == ["limit": -1, "used": 0, "reserved": 0])
        }
    }

    @Test("a network quota of 1: the second create is Neutron's 409 OverQuota; revert restores the default")
    func networkQuotaIsEnforced() async throws {
        try await TestCloud.run { cloud in
            let (admin, member) = try await NetworkHTTPTests.tokens(cloud)
            let project = try #require(try await cloud.send(.get, "/network/v2.0/quotas/project", token: member)
                .json?["project"]?["project_id"]?.stringValue)
            try await Self.limit(cloud, admin, project, ["network": 1, "check_limit": true])
            #expect(try await Self.createNetwork(cloud, member, "first").status == .created)
            let second = try await Self.createNetwork(cloud, member, "second")
            #expect(second.status == .conflict)
            #expect(second.json == ["NeutronError": [
                "type": "OverQuota", "message": "Quota exceeded for resources: ['network'].", "detail": "",
            ]])
            // An administrator making one for the project is held to the project's quota too.
            let forProject = try await cloud.send(.post, "/network/v2.0/networks", token: admin,
                                                  json: ["network": ["name": "x", "project_id": .string(project)]])
            #expect(Self.neutronType(forProject) == "OverQuota")
            // Below what the project holds: refused unless forced.
            let below = try await cloud.send(.put, "/network/v2.0/quotas/\(project)", token: admin,
                                             json: ["quota": ["network": 0]])
            #expect(below.status == .badRequest)
            #expect(below.json?["NeutronError"]?["message"]
                == "Quota limit 0 for network must be greater than or equal to already used 1")
            #expect(try await cloud.send(.put, "/network/v2.0/quotas/\(project)", token: admin,
                                         json: ["quota": ["network": 0, "force": true]]).status == .ok)
            #expect(try await cloud.send(.delete, "/network/v2.0/quotas/\(project)", token: admin).status == .noContent)
            #expect(try await Self.createNetwork(cloud, member, "third").status == .created)
        }
    }

    @Test("eight concurrent network creates at a limit of 3: exactly 3 commit")
    func concurrentCreatesStopAtTheLimit() async throws {
        try await TestCloud.run { cloud in
            let (admin, member) = try await NetworkHTTPTests.tokens(cloud)
            let project = try #require(try await cloud.send(.get, "/network/v2.0/quotas/project", token: member)
                .json?["project"]?["project_id"]?.stringValue)
            try await Self.limit(cloud, admin, project, ["network": 3])
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<8 {
                    group.addTask { Int(try await Self.createNetwork(cloud, member, "n\(index)").status.code) }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 3)
            #expect(statuses.filter { $0 == 409 }.count == 5)
            let details = try await cloud.send(.get, "/network/v2.0/quotas/\(project)/details", token: member)
            #expect(details.json?["quota"]?["network"]?["used"] == 3)
        }
    }

    @Test("subnets, ports, groups and rules are held to their quotas; a server's ports count as Neutron counts them")
    func everyCountedResource() async throws {
        try await TestCloud.run { cloud in
            let (admin, member) = try await NetworkHTTPTests.tokens(cloud)
            let project = try #require(try await cloud.send(.get, "/network/v2.0/quotas/project", token: member)
                .json?["project"]?["project_id"]?.stringValue)
            // The default group (made on first sight) counts, with its four rules.
            try await Self.limit(cloud, admin, project, ["security_group": 1, "security_group_rule": 5, "subnet": 1, "port": 2])
            let group = try await cloud.send(.post, "/network/v2.0/security-groups", token: member,
                                             json: ["security_group": ["name": "web"]])
            #expect(Self.neutronType(group) == "OverQuota")
            #expect(group.json?["NeutronError"]?["message"] == "Quota exceeded for resources: ['security_group'].")
            let defaultID = try #require(try await cloud.send(.get, "/network/v2.0/security-groups?name=default", token: member)
                .json?["security_groups"]?.arrayValue?.first?["id"]?.stringValue)
            func rule(_ port: Int) -> JSONValue {
                ["security_group_rule": ["security_group_id": .string(defaultID), "direction": "ingress", "protocol": "tcp",
                                         "port_range_min": .int(port), "port_range_max": .int(port)]]
            }
            #expect(try await cloud.send(.post, "/network/v2.0/security-group-rules", token: member, json: rule(22)).status == .created)
            let sixth = try await cloud.send(.post, "/network/v2.0/security-group-rules", token: member, json: rule(80))
            #expect(sixth.json?["NeutronError"]?["message"] == "Quota exceeded for resources: ['security_group_rule'].")

            let networkID = try #require(try await Self.createNetwork(cloud, member, "n").json?["network"]?["id"]?.stringValue)
            func subnet(_ cidr: String) -> JSONValue {
                ["subnet": ["network_id": .string(networkID), "cidr": .string(cidr), "ip_version": 4]]
            }
            #expect(try await cloud.send(.post, "/network/v2.0/subnets", token: member, json: subnet("10.7.0.0/24")).status == .created)
            #expect(Self.neutronType(try await cloud.send(.post, "/network/v2.0/subnets", token: member, json: subnet("10.7.1.0/24")))
                == "OverQuota")

            // Two ports: one the user makes, one a server gets; the next server finds no room (Nova's 403).
            #expect(try await cloud.send(.post, "/network/v2.0/ports", token: member,
                                         json: ["port": ["network_id": .string(networkID)]]).status == .created)
            let shared = try #require(try await cloud.send(.get, "/network/v2.0/networks?name=shared", token: member)
                .json?["networks"]?.arrayValue?.first?["id"]?.stringValue)
            func server(_ name: String) -> JSONValue {
                ["server": ["name": .string(name), "imageRef": .string(NetworkHTTPTests.imageID), "flavorRef": "1",
                            "networks": [["uuid": .string(shared)]]]]
            }
            #expect(try await cloud.send(.post, "/compute/v2.1/servers", token: member, json: server("a")).status == .accepted)
            let full = try await cloud.send(.post, "/compute/v2.1/servers", token: member, json: server("b"))
            #expect(full.status == .forbidden)
            #expect(full.json?["forbidden"]?["message"] == "Maximum number of ports exceeded")
            let third = try await cloud.send(.post, "/network/v2.0/ports", token: member,
                                             json: ["port": ["network_id": .string(networkID)]])
            #expect(third.json?["NeutronError"]?["message"] == "Quota exceeded for resources: ['port'].")
            let details = try await cloud.send(.get, "/network/v2.0/quotas/\(project)/details", token: member)
            #expect(details.json?["quota"]?["port"]?["used"] == 2)
        }
    }

    @Test("policy: a project reads its own quotas; others' and every write are an administrator's")
    func policy() async throws {
        try await TestCloud.run { cloud in
            let (admin, member) = try await NetworkHTTPTests.tokens(cloud)
            _ = try await cloud.makeUser("rita", role: "reader", project: "beta", adminToken: admin)
            let reader = try await cloud.token(user: "rita", password: "pw-rita", project: "beta")
            let alpha = try #require(try await cloud.send(.get, "/network/v2.0/quotas/project", token: member)
                .json?["project"]?["project_id"]?.stringValue)
            let beta = try #require(try await cloud.send(.get, "/network/v2.0/quotas/project", token: reader)
                .json?["project"]?["project_id"]?.stringValue)

            #expect(try await cloud.send(.get, "/network/v2.0/quotas/\(beta)", token: reader).status == .ok)
            #expect(try await cloud.send(.get, "/network/v2.0/quotas/\(beta)/details", token: reader).status == .ok)
            for path in ["quotas/\(alpha)", "quotas/\(alpha)/details", "quotas/\(alpha)/default"] {
                let other = try await cloud.send(.get, "/network/v2.0/\(path)", token: reader)
                #expect(other.status == .forbidden, "GET \(path)")
                #expect(Self.neutronType(other) == "PolicyNotAuthorized")
            }
            let write = try await cloud.send(.put, "/network/v2.0/quotas/\(alpha)", token: member, json: ["quota": ["network": 500]])
            #expect(write.status == .forbidden)
            #expect(write.json?["NeutronError"]?["message"] == "(rule:update_quota) is disallowed by policy")
            #expect(try await cloud.send(.delete, "/network/v2.0/quotas/\(alpha)", token: member).status == .forbidden)

            try await Self.limit(cloud, admin, alpha, ["network": 7])
            try await Self.limit(cloud, admin, beta, ["port": 9])
            let all = try await cloud.send(.get, "/network/v2.0/quotas", token: admin)
            let listed = all.json?["quotas"]?.arrayValue ?? []
            #expect(Set(listed.compactMap { $0["project_id"]?.stringValue }) == [alpha, beta])
            #expect(listed.first { $0["project_id"]?.stringValue == alpha }?["network"] == 7)
            // A project's reader finds only its own line.
            let own = try await cloud.send(.get, "/network/v2.0/quotas", token: reader)
            #expect(own.json?["quotas"]?.arrayValue?.compactMap { $0["project_id"]?.stringValue } == [beta])

            let unknown = try await cloud.send(.put, "/network/v2.0/quotas/\(alpha)", token: admin, json: ["quota": ["volumes": 5]])
            #expect(unknown.status == .badRequest)
            #expect(unknown.json?["NeutronError"]?["message"] == "Unrecognized attribute(s) 'volumes'")
            let tooSmall = try await cloud.send(.put, "/network/v2.0/quotas/\(alpha)", token: admin, json: ["quota": ["network": -2]])
            #expect(Self.neutronType(tooSmall) == "InvalidInput")
            let tooLarge = try await cloud.send(.put, "/network/v2.0/quotas/\(alpha)", token: admin,
                                                json: ["quota": ["network": 2_147_483_648]])
            #expect(tooLarge.status == .badRequest)
            let text = try await cloud.send(.put, "/network/v2.0/quotas/\(alpha)", token: admin, json: ["quota": ["network": "12"]])
            #expect(text.json?["quota"]?["network"] == 12)
            #expect(try await cloud.send(.get, "/network/v2.0/quotas/\(alpha)", token: admin).json?["quota"]?["network"] == 12)
        }
    }
}
