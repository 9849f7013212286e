import Foundation
import HTTPTypes
import StratusOpenStack
import Testing

/// Networking v2. A project's members manage its networks, subnets, ports and
/// security groups, its readers look; shared and external networks and quotas are
/// the cloud administrators'. Neutron hides what a caller may not see: reading or
/// changing another project's resource is 404, changing a visible one without the
/// right is 403; creating in another project (`project_id` in the body) is 403.
/// The service user holds no role Neutron knows (not even reader): it is refused
/// everything, 403 or 404 alike. "Other" creates name beta as the owner (networks, security groups) or build on
/// beta's network or group (subnets, ports, rules).
@Suite("Policy matrix: networking", .serialized)
struct NetworkPolicyMatrix {
    static let cloud = MatrixCloud(rows: rows.count)

    @Test(arguments: rows)
    func cell(_ row: Row) async throws { try await Self.cloud.run(row) }

    static let api = "/network/v2.0"

    @Sendable static func shared(_ world: MatrixWorld, _ project: Proj, _ fresh: Bool) async throws -> Target {
        try await world.target(project, fresh: false)
    }

    @Sendable static func freshNetwork(_ world: MatrixWorld, _ project: Proj, _ fresh: Bool) async throws -> Target {
        try await world.target(project, fresh: fresh) { w, p in ["network": try await w.network(p)] }
    }

    @Sendable static func freshSubnet(_ world: MatrixWorld, _ project: Proj, _ fresh: Bool) async throws -> Target {
        try await world.target(project, fresh: fresh) { w, p in
            let network = try await w.network(p)
            let subnet = try await w.must(w.owners[p]!, .post, api + "/subnets", json: ["subnet": [
                "network_id": .string(network), "cidr": "10.88.0.0/24", "ip_version": 4,
            ]])
            return ["network": network, "subnet": try #require(subnet.json?["subnet"]?["id"]?.stringValue)]
        }
    }

    @Sendable static func freshPort(_ world: MatrixWorld, _ project: Proj, _ fresh: Bool) async throws -> Target {
        try await world.target(project, fresh: fresh) { w, p in
            let port = try await w.must(w.owners[p]!, .post, api + "/ports", json: ["port": ["network_id": .string(w.shared[p]!["network"]!)]])
            return ["port": try #require(port.json?["port"]?["id"]?.stringValue)]
        }
    }

    @Sendable static func freshGroup(_ world: MatrixWorld, _ project: Proj, _ fresh: Bool) async throws -> Target {
        try await world.target(project, fresh: fresh) { w, p in
            let group = try await w.must(w.owners[p]!, .post, api + "/security-groups", json: ["security_group": ["name": "fresh"]])
            return ["sg": try #require(group.json?["security_group"]?["id"]?.stringValue)]
        }
    }

    @Sendable static func freshRule(_ world: MatrixWorld, _ project: Proj, _ fresh: Bool) async throws -> Target {
        try await world.target(project, fresh: fresh) { w, p in
            let rule = try await w.must(w.owners[p]!, .post, api + "/security-group-rules", json: ["security_group_rule": [
                "security_group_id": .string(w.shared[p]!["sg"]!), "direction": "ingress", "protocol": "udp",
                "port_range_min": .int(Int.random(in: 1000...60000)), "ethertype": "IPv4",
            ]])
            return ["rule": try #require(rule.json?["security_group_rule"]?["id"]?.stringValue)]
        }
    }

    static func probe(_ path: String, _ key: String) -> @Sendable (MatrixWorld, Target) async throws -> JSONValue? {
        { world, target in try await world.read(api + path + "/" + target[key], compute: nil) }
    }

    /// Everything of one kind in every project, for creates.
    static func census(_ path: String) -> @Sendable (MatrixWorld, Target) async throws -> JSONValue? {
        { world, _ in
            let list = try await world.read(api + path, compute: nil)
            return .array((list?.objectValues.first?.arrayValue ?? []).compactMap { $0["id"] })
        }
    }

    /// A create body, with beta named as the owner for the other column.
    static func owned(_ fields: [String: JSONValue], _ target: Target, _ world: MatrixWorld) -> JSONValue {
        var fields = fields
        if target.project == .beta { fields["project_id"] = .string(world.pid(.beta)) }
        return .object(fields)
    }

    static let cidrs = MatrixCounter()

    /// Raised again after an allowed reset, so later cells still have room.
    static func restoreQuota(_ world: MatrixWorld, _ project: String) async throws {
        try await world.must(world.admin, .put, api + "/quotas/\(project)", json: ["quota": [
            "network": 1000, "subnet": 1000, "port": 2000, "security_group": 1000, "security_group_rule": 5000,
        ]])
    }

    //                     reader member alpha  admin  system service
    static let rows: [Row] = [
        // MARK: Networks
        Row("create_network", "POST /networks",
            "403    ok     ok     ok     --     403  | 403    403    403    ok     ok     403",
            probe: census("/networks")
        ) { w, p, t in try await w.status(p, .post, api + "/networks", json: ["network": owned(["name": "n"], t, w)]) },
        Row("create_network:shared", "POST /networks {shared: true}",
            "403    403    403    ok     --     403  | 403    403    403    ok     ok     403",
            probe: census("/networks")
        ) { w, p, t in
            try await w.status(p, .post, api + "/networks", json: ["network": owned(["name": "s", "shared": true], t, w)])
        },
        Row("create_network:router:external", "POST /networks {router:external: true}",
            "403    403    403    ok     --     403  | 403    403    403    ok     ok     403",
            probe: census("/networks")
        ) { w, p, t in
            try await w.status(p, .post, api + "/networks", json: ["network": owned(["name": "x", "router:external": true], t, w)])
        },
        Row("get_network", "GET /networks/{id}",
            "ok     ok     ok     ok     --     4xx  | 404    404    404    ok     ok     4xx",
            target: shared
        ) { w, p, t in try await w.status(p, .get, api + "/networks/\(t["network"])") },
        Row("update_network", "PUT /networks/{id} (name)",
            "403    ok     ok     ok     --     4xx  | 404    404    404    ok     ok     4xx",
            target: shared, probe: probe("/networks", "network")
        ) { w, p, t in try await w.status(p, .put, api + "/networks/\(t["network"])", json: ["network": ["name": .string("by-\(p.rawValue)")]]) },
        Row("update_network", "PUT /networks/{id} {shared: true} (create_network:shared's twin: administrators)",
            "403    403    403    ok     --     4xx  | 404    404    404    ok     ok     4xx",
            fresh: .allowed, target: freshNetwork, probe: probe("/networks", "network")
        ) { w, p, t in try await w.status(p, .put, api + "/networks/\(t["network"])", json: ["network": ["shared": true]]) },
        Row("delete_network", "DELETE /networks/{id}",
            "403    ok     ok     ok     --     4xx  | 404    404    404    ok     ok     4xx",
            fresh: .always, target: freshNetwork, probe: probe("/networks", "network")
        ) { w, p, t in try await w.status(p, .delete, api + "/networks/\(t["network"])") },

        // MARK: Subnets
        Row("create_subnet", "POST /subnets (on the project's network)",
            "403    ok     ok     ok     --     4xx  | 4xx    4xx    4xx    ok     ok     4xx",
            target: shared, probe: census("/subnets")
        ) { w, p, t in
            let n = await cidrs.next()
            return try await w.status(p, .post, api + "/subnets", json: ["subnet": owned([
                "network_id": .string(t["network"]), "cidr": .string("10.\(100 + n / 250).\(n % 250).0/24"), "ip_version": 4,
            ], t, w)])
        },
        Row("get_subnet", "GET /subnets/{id}",
            "ok     ok     ok     ok     --     4xx  | 404    404    404    ok     ok     4xx",
            target: shared
        ) { w, p, t in try await w.status(p, .get, api + "/subnets/\(t["subnet"])") },
        Row("update_subnet", "PUT /subnets/{id} (name)",
            "403    ok     ok     ok     --     4xx  | 404    404    404    ok     ok     4xx",
            target: shared, probe: probe("/subnets", "subnet")
        ) { w, p, t in try await w.status(p, .put, api + "/subnets/\(t["subnet"])", json: ["subnet": ["name": .string("by-\(p.rawValue)")]]) },
        Row("delete_subnet", "DELETE /subnets/{id}",
            "403    ok     ok     ok     --     4xx  | 404    404    404    ok     ok     4xx",
            fresh: .always, target: freshSubnet, probe: probe("/subnets", "subnet")
        ) { w, p, t in try await w.status(p, .delete, api + "/subnets/\(t["subnet"])") },

        // MARK: Ports
        Row("create_port", "POST /ports (on the project's network)",
            "403    ok     ok     ok     --     4xx  | 4xx    4xx    4xx    ok     ok     4xx",
            target: shared, probe: census("/ports")
        ) { w, p, t in
            try await w.status(p, .post, api + "/ports", json: ["port": owned(["network_id": .string(t["network"])], t, w)])
        },
        Row("get_port", "GET /ports/{id}",
            "ok     ok     ok     ok     --     4xx  | 404    404    404    ok     ok     4xx",
            target: shared
        ) { w, p, t in try await w.status(p, .get, api + "/ports/\(t["port"])") },
        Row("update_port", "PUT /ports/{id} (name)",
            "403    ok     ok     ok     --     4xx  | 404    404    404    ok     ok     4xx",
            target: shared, probe: probe("/ports", "port")
        ) { w, p, t in try await w.status(p, .put, api + "/ports/\(t["port"])", json: ["port": ["name": .string("by-\(p.rawValue)")]]) },
        Row("delete_port", "DELETE /ports/{id}",
            "403    ok     ok     ok     --     4xx  | 404    404    404    ok     ok     4xx",
            fresh: .always, target: freshPort, probe: probe("/ports", "port")
        ) { w, p, t in try await w.status(p, .delete, api + "/ports/\(t["port"])") },

        // MARK: Security groups
        Row("create_security_group", "POST /security-groups",
            "403    ok     ok     ok     --     403  | 403    403    403    ok     ok     403",
            probe: census("/security-groups")
        ) { w, p, t in
            try await w.status(p, .post, api + "/security-groups", json: ["security_group": owned(["name": "g"], t, w)])
        },
        Row("get_security_group", "GET /security-groups/{id}",
            "ok     ok     ok     ok     --     4xx  | 404    404    404    ok     ok     4xx",
            target: shared
        ) { w, p, t in try await w.status(p, .get, api + "/security-groups/\(t["sg"])") },
        Row("update_security_group", "PUT /security-groups/{id} (description)",
            "403    ok     ok     ok     --     4xx  | 404    404    404    ok     ok     4xx",
            target: shared, probe: probe("/security-groups", "sg")
        ) { w, p, t in
            try await w.status(p, .put, api + "/security-groups/\(t["sg"])", json: ["security_group": ["description": .string("by-\(p.rawValue)")]])
        },
        Row("delete_security_group", "DELETE /security-groups/{id}",
            "403    ok     ok     ok     --     4xx  | 404    404    404    ok     ok     4xx",
            fresh: .always, target: freshGroup, probe: probe("/security-groups", "sg")
        ) { w, p, t in try await w.status(p, .delete, api + "/security-groups/\(t["sg"])") },
        Row("create_security_group_rule", "POST /security-group-rules (in the project's group)",
            "403    ok     ok     ok     --     4xx  | 4xx    4xx    4xx    ok     ok     4xx",
            target: shared, probe: census("/security-group-rules")
        ) { w, p, t in
            try await w.status(p, .post, api + "/security-group-rules", json: ["security_group_rule": owned([
                "security_group_id": .string(t["sg"]), "direction": "egress", "protocol": "tcp",
                "port_range_min": .int(Int.random(in: 1000...60000)), "ethertype": "IPv4",
            ], t, w)])
        },
        Row("get_security_group_rule", "GET /security-group-rules/{id}",
            "ok     ok     ok     ok     --     4xx  | 404    404    404    ok     ok     4xx",
            target: shared
        ) { w, p, t in try await w.status(p, .get, api + "/security-group-rules/\(t["rule"])") },
        Row("delete_security_group_rule", "DELETE /security-group-rules/{id}",
            "403    ok     ok     ok     --     4xx  | 404    404    404    ok     ok     4xx",
            fresh: .always, target: freshRule, probe: probe("/security-group-rules", "rule")
        ) { w, p, t in try await w.status(p, .delete, api + "/security-group-rules/\(t["rule"])") },

        // MARK: Quotas
        Row("get_quota", "GET /quotas/{project}",
            "ok     ok     ok     ok     --     403  | 403    403    403    ok     ok     403",
            target: shared
        ) { w, p, t in try await w.status(p, .get, api + "/quotas/\(t["project"])") },
        Row("get_quota", "GET /quotas/{project}/details",
            "ok     ok     ok     ok     --     403  | 403    403    403    ok     ok     403",
            target: shared
        ) { w, p, t in try await w.status(p, .get, api + "/quotas/\(t["project"])/details") },
        Row("get_quota", "GET /quotas (200 with the project's entry listed; 404 = answered without it)",
            "ok     ok     ok     ok     --     4xx  | 404    404    404    ok     ok     4xx",
            target: shared
        ) { w, p, t in
            let reply = try await w.send(w.tokens[p]!, .get, api + "/quotas")
            guard reply.status == .ok else { return Int(reply.status.code) }
            let listed = reply.json?["quotas"]?.arrayValue?.contains { $0["project_id"]?.stringValue == t["project"] } == true
            return listed ? 200 : 404
        },
        Row("update_quota", "PUT /quotas/{project}",
            "403    403    403    ok     --     403  | 403    403    403    ok     ok     403",
            target: shared, probe: probe("/quotas", "project")
        ) { w, p, t in
            try await w.status(p, .put, api + "/quotas/\(t["project"])", json: ["quota": ["network": .int(1001 + p.rawValue)]])
        },
        Row("delete_quota", "DELETE /quotas/{project}",
            "403    403    403    ok     --     403  | 403    403    403    ok     ok     403",
            target: shared, probe: probe("/quotas", "project")
        ) { w, p, t in
            let code = try await w.status(p, .delete, api + "/quotas/\(t["project"])")
            if (200..<300).contains(code) { try await restoreQuota(w, t["project"]) }
            return code
        },
    ]
}

actor MatrixCounter {
    private var value = 0
    func next() -> Int {
        value += 1
        return value
    }
}

extension JSONValue {
    /// The values of an object, in key order.
    var objectValues: [JSONValue] {
        if case .object(let members) = self { return members.keys.sorted().compactMap { members[$0] } }
        return []
    }
}
