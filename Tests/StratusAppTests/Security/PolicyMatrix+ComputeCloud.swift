import Foundation
import HTTPTypes
import StratusOpenStack
import Testing

/// Compute v2.1, the cloud-wide half: flavors, hosts, hypervisors, services,
/// aggregates, quota classes, usage, migrations, key pairs and quotas. Everything
/// here that is not a project's own is the cloud administrators': an `admin` of alpha
/// gets 403 like its members (Nova checks these rules before any lookup). Key pairs
/// belong to users: own = the persona's key pair, other = bob's (`?user_id=`, 2.10).
///
/// `os_compute_api:os-hosts:*` are served below 2.43 only (2.1 here).
@Suite("Policy matrix: compute (cloud-wide)", .serialized)
struct ComputeCloudPolicyMatrix {
    static let cloud = MatrixCloud(rows: rows.count) { w in
        try await w.must(w.admin, .post, v + "/flavors", json: ["flavor": [
            "name": "matrix-f", "id": "matrix-f", "ram": 128, "vcpus": 1, "disk": 1,
        ]])
        try await w.must(w.admin, .post, v + "/flavors/matrix-f/os-extra_specs", json: ["extra_specs": ["hw:cpu_policy": "shared"]])
        try await w.must(w.admin, .post, v + "/flavors", json: ["flavor": [
            "name": "matrix-private", "id": "matrix-private", "ram": 128, "vcpus": 1, "disk": 1, "os-flavor-access:is_public": false,
        ]])
        try await w.must(w.admin, .post, v + "/os-aggregates", json: ["aggregate": ["name": "matrix-agg"]])
        for persona in Persona.allCases where persona != .systemAdmin {  // the same user as the cloud admin
            try await w.must(w.tokens[persona]!, .post, v + "/os-keypairs", json: ["keypair": ["name": "kp-own"]], "key pair of \(persona)")
        }
        try await w.must(w.owners[.beta]!, .post, v + "/os-keypairs", json: ["keypair": ["name": "kp-bob"]])
    }

    @Test(arguments: rows)
    func cell(_ row: Row) async throws { try await Self.cloud.run(row) }

    static let v = "/compute/v2.1"

    static func get(_ path: String, _ version: String? = nil) -> @Sendable (MatrixWorld, Persona, Target) async throws -> Int {
        { w, p, _ in try await w.status(p, .get, v + path, compute: version) }
    }

    @Sendable static func freshFlavor(_ w: MatrixWorld, _ project: Proj, _ fresh: Bool) async throws -> Target {
        let id = "f-\(UUID().uuidString.prefix(8))"
        try await w.must(w.admin, .post, v + "/flavors", json: ["flavor": [
            "name": .string(id), "id": .string(id), "ram": 128, "vcpus": 1, "disk": 1, "os-flavor-access:is_public": false,
        ]])
        try await w.must(w.admin, .post, v + "/flavors/\(id)/os-extra_specs", json: ["extra_specs": ["hw:cpu_policy": "shared"]])
        try await w.must(w.admin, .post, v + "/flavors/\(id)/action", json: ["addTenantAccess": ["tenant": .string(w.pid(project))]])
        return Target(project: project, ids: ["flavor": id, "project": w.pid(project)])
    }

    @Sendable static func flavorProbe(_ w: MatrixWorld, _ t: Target) async throws -> JSONValue? {
        let flavor = try await w.read(v + "/flavors/\(t["flavor"])")?["flavor"]
        let specs = try await w.read(v + "/flavors/\(t["flavor"])/os-extra_specs")
        let access = try await w.read(v + "/flavors/\(t["flavor"])/os-flavor-access")
        return [flavor ?? .null, specs ?? .null, access ?? .null]
    }

    @Sendable static func aggregate(_ w: MatrixWorld, _ project: Proj, _ fresh: Bool) async throws -> Target {
        if !fresh {
            let all = try await w.read(v + "/os-aggregates")?["aggregates"]?.arrayValue ?? []
            let id = try #require(all.first { $0["name"] == "matrix-agg" }?["id"])
            return Target(project: project, ids: ["aggregate": plain(id)])
        }
        let made = try await w.must(w.admin, .post, v + "/os-aggregates", json: ["aggregate": ["name": .string("agg-\(UUID().uuidString.prefix(8))")]])
        let id = plain(try #require(made.json?["aggregate"]?["id"]))
        try await w.must(w.admin, .post, v + "/os-aggregates/\(id)/action", json: ["add_host": ["host": "sim-2"]])
        return Target(project: project, ids: ["aggregate": id])
    }

    static func plain(_ value: JSONValue) -> String {
        switch value {
        case .int(let number): String(number)
        case .string(let text): text
        default: "\(value)"
        }
    }

    @Sendable static func aggregateProbe(_ w: MatrixWorld, _ t: Target) async throws -> JSONValue? {
        guard var aggregate = try await w.read(v + "/os-aggregates/\(t["aggregate"])")?["aggregate"] else { return nil }
        if case .object(var fields) = aggregate {
            fields["updated_at"] = nil
            aggregate = .object(fields)
        }
        return aggregate
    }

    /// Own: the persona's key pair; other: bob's, named by `user_id` (2.10).
    static func keypairPath(_ w: MatrixWorld, _ t: Target, _ name: String) -> String {
        t.project == .beta ? v + "/os-keypairs/\(name)?user_id=\(w.ownerIDs[.beta]!)" : v + "/os-keypairs/\(name)"
    }

    @Sendable static func bobsKeypairs(_ w: MatrixWorld, _ t: Target) async throws -> JSONValue? {
        try await w.read(v + "/os-keypairs?user_id=\(w.ownerIDs[.beta]!)", compute: "2.10")
    }

    //                     reader member alpha  admin  system service
    static let rows: [Row] = [
        // MARK: Flavors
        Row("os_compute_api:os-flavor-manage:create", "POST /flavors",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            probe: { w, _ in try await w.read(v + "/flavors?is_public=None") }
        ) { w, p, _ in
            let id = "new-\(UUID().uuidString.prefix(8))"
            return try await w.status(p, .post, v + "/flavors", json: ["flavor": ["name": .string(id), "id": .string(id), "ram": 64, "vcpus": 1, "disk": 1]])
        },
        Row("os_compute_api:os-flavor-manage:update", "PUT /flavors/{id} (2.55 description)",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            fresh: .always, target: freshFlavor, probe: flavorProbe
        ) { w, p, t in try await w.status(p, .put, v + "/flavors/\(t["flavor"])", json: ["flavor": ["description": "changed"]], compute: "2.55") },
        Row("os_compute_api:os-flavor-manage:delete", "DELETE /flavors/{id}",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            fresh: .always, target: freshFlavor, probe: flavorProbe
        ) { w, p, t in try await w.status(p, .delete, v + "/flavors/\(t["flavor"])") },
        Row("os_compute_api:os-flavor-extra-specs:index", "GET /flavors/matrix-f/os-extra_specs",
            "ok     ok     ok     ok     ok     403  | --     --     --     --     --     --",
            request: get("/flavors/matrix-f/os-extra_specs")),
        Row("os_compute_api:os-flavor-extra-specs:show", "GET /flavors/matrix-f/os-extra_specs/hw:cpu_policy",
            "ok     ok     ok     ok     ok     403  | --     --     --     --     --     --",
            request: get("/flavors/matrix-f/os-extra_specs/hw:cpu_policy")),
        Row("os_compute_api:os-flavor-extra-specs:create", "POST /flavors/{id}/os-extra_specs",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            fresh: .always, target: freshFlavor, probe: flavorProbe
        ) { w, p, t in try await w.status(p, .post, v + "/flavors/\(t["flavor"])/os-extra_specs", json: ["extra_specs": ["hw:mem_page_size": "large"]]) },
        Row("os_compute_api:os-flavor-extra-specs:update", "PUT /flavors/{id}/os-extra_specs/hw:cpu_policy",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            fresh: .always, target: freshFlavor, probe: flavorProbe
        ) { w, p, t in
            try await w.status(p, .put, v + "/flavors/\(t["flavor"])/os-extra_specs/hw:cpu_policy", json: ["hw:cpu_policy": "dedicated"])
        },
        Row("os_compute_api:os-flavor-extra-specs:delete", "DELETE /flavors/{id}/os-extra_specs/hw:cpu_policy",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            fresh: .always, target: freshFlavor, probe: flavorProbe
        ) { w, p, t in try await w.status(p, .delete, v + "/flavors/\(t["flavor"])/os-extra_specs/hw:cpu_policy") },
        Row("os_compute_api:os-flavor-access", "GET /flavors/matrix-private/os-flavor-access",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            request: get("/flavors/matrix-private/os-flavor-access")),
        Row("os_compute_api:os-flavor-access:add_tenant_access", "POST /flavors/{private}/action addTenantAccess (own project / beta)",
            "403    403    403    ok     --     403  | 403    403    403    ok     ok     403",
            fresh: .always,
            target: { w, project, _ in
                var target = try await freshFlavor(w, .service, true)
                target.project = project
                return target
            },
            probe: flavorProbe
        ) { w, p, t in
            try await w.status(p, .post, v + "/flavors/\(t["flavor"])/action", json: ["addTenantAccess": ["tenant": .string(w.pid(t.project))]])
        },
        Row("os_compute_api:os-flavor-access:remove_tenant_access", "POST /flavors/{private}/action removeTenantAccess (own project / beta)",
            "403    403    403    ok     --     403  | 403    403    403    ok     ok     403",
            fresh: .always, target: freshFlavor, probe: flavorProbe
        ) { w, p, t in
            try await w.status(p, .post, v + "/flavors/\(t["flavor"])/action", json: ["removeTenantAccess": ["tenant": .string(t["project"])]])
        },

        // MARK: Services, hypervisors, zones, hosts
        Row("os_compute_api:os-services:list", "GET /os-services",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --", request: get("/os-services")),
        // Allowed, then refused: the host is up (its agent heartbeats) and must go down first.
        Row("os_compute_api:os-services:delete", "DELETE /os-services/1 (an up host)",
            "403    403    403    409    409    403  | --     --     --     --     --     --",
            probe: { w, _ in try await w.read(v + "/os-hypervisors") }
        ) { w, p, _ in try await w.status(p, .delete, v + "/os-services/1") },
        // Stratus's own: join tokens enrolling remote hosts, the administrators' as deleting a service.
        Row("os_compute_api:os-stratus-join-tokens:create", "POST /os-stratus-join-tokens",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            probe: { w, _ in try await w.read(v + "/os-stratus-join-tokens") }
        ) { w, p, _ in
            try await w.status(p, .post, v + "/os-stratus-join-tokens", json: ["join_token": ["description": .string("by \(p)")]])
        },
        Row("os_compute_api:os-stratus-join-tokens:index", "GET /os-stratus-join-tokens",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            request: get("/os-stratus-join-tokens")),
        Row("os_compute_api:os-stratus-join-tokens:delete", "DELETE /os-stratus-join-tokens/{id}",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            fresh: .always,
            target: { w, project, _ in
                let created = try await w.must(w.admin, .post, v + "/os-stratus-join-tokens", json: ["join_token": [:]])
                let id = try #require(created.json?["join_token"]?["id"]?.stringValue)
                return Target(project: project, ids: ["token": id])
            },
            probe: { w, _ in try await w.read(v + "/os-stratus-join-tokens") }
        ) { w, p, t in try await w.status(p, .delete, v + "/os-stratus-join-tokens/\(t["token"])") },
        Row("os_compute_api:os-hypervisors:list", "GET /os-hypervisors",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --", request: get("/os-hypervisors")),
        Row("os_compute_api:os-hypervisors:list-detail", "GET /os-hypervisors/detail",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --", request: get("/os-hypervisors/detail")),
        Row("os_compute_api:os-hypervisors:show", "GET /os-hypervisors/1",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --", request: get("/os-hypervisors/1")),
        Row("os_compute_api:os-hypervisors:show", "GET /os-hypervisors/1/uptime",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --", request: get("/os-hypervisors/1/uptime")),
        Row("os_compute_api:os-hypervisors:statistics", "GET /os-hypervisors/statistics",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --", request: get("/os-hypervisors/statistics")),
        Row("os_compute_api:os-availability-zone:list", "GET /os-availability-zone",
            "ok     ok     ok     ok     ok     ok   | --     --     --     --     --     --", request: get("/os-availability-zone")),
        Row("os_compute_api:os-availability-zone:detail", "GET /os-availability-zone/detail",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --", request: get("/os-availability-zone/detail")),
        Row("os_compute_api:os-hosts:list", "GET /os-hosts",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --", request: get("/os-hosts")),
        Row("os_compute_api:os-hosts:show", "GET /os-hosts/sim-1",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --", request: get("/os-hosts/sim-1")),
        // os-hosts' actions pass the policy and then meet Nova's 501 (no driver does them).
        Row("os_compute_api:os-hosts:update", "PUT /os-hosts/sim-1 {status: enable}",
            "403    403    403    501    501    403  | --     --     --     --     --     --",
            probe: { w, _ in try await w.read(v + "/os-services") }
        ) { w, p, _ in try await w.status(p, .put, v + "/os-hosts/sim-1", json: ["status": "enable"]) },
        Row("os_compute_api:os-hosts:start", "GET /os-hosts/sim-1/startup",
            "403    403    403    501    501    403  | --     --     --     --     --     --", request: get("/os-hosts/sim-1/startup")),
        Row("os_compute_api:os-hosts:shutdown", "GET /os-hosts/sim-1/shutdown",
            "403    403    403    501    501    403  | --     --     --     --     --     --", request: get("/os-hosts/sim-1/shutdown")),
        Row("os_compute_api:os-hosts:reboot", "GET /os-hosts/sim-1/reboot",
            "403    403    403    501    501    403  | --     --     --     --     --     --", request: get("/os-hosts/sim-1/reboot")),
        Row("os_compute_api:os-instance-usage-audit-log:list", "GET /os-instance_usage_audit_log",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --", request: get("/os-instance_usage_audit_log")),
        Row("os_compute_api:os-instance-usage-audit-log:show", "GET /os-instance_usage_audit_log/{before}",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            request: get("/os-instance_usage_audit_log/2030-01-01%2000:00:00")),
        Row("os_compute_api:os-migrations:index", "GET /os-migrations",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --", request: get("/os-migrations")),

        // MARK: Aggregates
        Row("os_compute_api:os-aggregates:index", "GET /os-aggregates",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --", request: get("/os-aggregates")),
        Row("os_compute_api:os-aggregates:create", "POST /os-aggregates",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            probe: { w, _ in try await w.read(v + "/os-aggregates") }
        ) { w, p, _ in
            try await w.status(p, .post, v + "/os-aggregates", json: ["aggregate": ["name": .string("agg-\(UUID().uuidString.prefix(8))")]])
        },
        Row("os_compute_api:os-aggregates:show", "GET /os-aggregates/{id}",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            target: aggregate
        ) { w, p, t in try await w.status(p, .get, v + "/os-aggregates/\(t["aggregate"])") },
        Row("os_compute_api:os-aggregates:update", "PUT /os-aggregates/{id}",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            fresh: .always, target: aggregate, probe: aggregateProbe
        ) { w, p, t in
            try await w.status(p, .put, v + "/os-aggregates/\(t["aggregate"])", json: ["aggregate": ["name": .string("renamed-\(UUID().uuidString.prefix(8))")]])
        },
        Row("os_compute_api:os-aggregates:delete", "DELETE /os-aggregates/{id} (no hosts)",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            fresh: .always,
            target: { w, project, _ in
                let made = try await w.must(w.admin, .post, v + "/os-aggregates", json: ["aggregate": ["name": .string("agg-\(UUID().uuidString.prefix(8))")]])
                return Target(project: project, ids: ["aggregate": plain(try #require(made.json?["aggregate"]?["id"]))])
            },
            probe: aggregateProbe
        ) { w, p, t in try await w.status(p, .delete, v + "/os-aggregates/\(t["aggregate"])") },
        Row("os_compute_api:os-aggregates:add_host", "POST /os-aggregates/{id}/action add_host sim-1",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            fresh: .always, target: aggregate, probe: aggregateProbe
        ) { w, p, t in try await w.status(p, .post, v + "/os-aggregates/\(t["aggregate"])/action", json: ["add_host": ["host": "sim-1"]]) },
        Row("os_compute_api:os-aggregates:remove_host", "POST /os-aggregates/{id}/action remove_host sim-2",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            fresh: .always, target: aggregate, probe: aggregateProbe
        ) { w, p, t in try await w.status(p, .post, v + "/os-aggregates/\(t["aggregate"])/action", json: ["remove_host": ["host": "sim-2"]]) },
        Row("os_compute_api:os-aggregates:set_metadata", "POST /os-aggregates/{id}/action set_metadata",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            fresh: .always, target: aggregate, probe: aggregateProbe
        ) { w, p, t in
            try await w.status(p, .post, v + "/os-aggregates/\(t["aggregate"])/action", json: ["set_metadata": ["metadata": ["k": "v"]]])
        },

        // MARK: Quotas, quota classes, limits, usage
        Row("os_compute_api:os-quota-sets:show", "GET /os-quota-sets/{project}",
            "ok     ok     ok     ok     --     403  | 403    403    403    ok     ok     403",
            target: { w, project, _ in try await w.target(project, fresh: false) }
        ) { w, p, t in try await w.status(p, .get, v + "/os-quota-sets/\(t["project"])") },
        Row("os_compute_api:os-quota-sets:show", "GET /os-quota-sets/{project}/detail",
            "ok     ok     ok     ok     --     403  | 403    403    403    ok     ok     403",
            target: { w, project, _ in try await w.target(project, fresh: false) }
        ) { w, p, t in try await w.status(p, .get, v + "/os-quota-sets/\(t["project"])/detail") },
        Row("os_compute_api:os-quota-sets:defaults", "GET /os-quota-sets/{project}/defaults",
            "ok     ok     ok     ok     --     403  | 403    403    403    ok     ok     403",
            target: { w, project, _ in try await w.target(project, fresh: false) }
        ) { w, p, t in try await w.status(p, .get, v + "/os-quota-sets/\(t["project"])/defaults") },
        Row("os_compute_api:os-quota-sets:update", "PUT /os-quota-sets/{project}",
            "403    403    403    ok     --     403  | 403    403    403    ok     ok     403",
            target: { w, project, _ in try await w.target(project, fresh: false) },
            probe: { w, t in try await w.read(v + "/os-quota-sets/\(t["project"])") }
        ) { w, p, t in
            try await w.status(p, .put, v + "/os-quota-sets/\(t["project"])", json: ["quota_set": ["instances": .int(3000 + p.rawValue)]])
        },
        Row("os_compute_api:os-quota-sets:delete", "DELETE /os-quota-sets/{project}",
            "403    403    403    ok     --     403  | 403    403    403    ok     ok     403",
            target: { w, project, _ in try await w.target(project, fresh: false) },
            probe: { w, t in try await w.read(v + "/os-quota-sets/\(t["project"])") }
        ) { w, p, t in try await w.status(p, .delete, v + "/os-quota-sets/\(t["project"])") },
        Row("os_compute_api:os-quota-class-sets:show", "GET /os-quota-class-sets/default",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --", request: get("/os-quota-class-sets/default")),
        Row("os_compute_api:os-quota-class-sets:update", "PUT /os-quota-class-sets/default",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            probe: { w, _ in try await w.read(v + "/os-quota-class-sets/default") }
        ) { w, p, _ in
            try await w.status(p, .put, v + "/os-quota-class-sets/default", json: ["quota_class_set": ["instances": .int(2000 + p.rawValue)]])
        },
        Row("os_compute_api:limits", "GET /limits",
            "ok     ok     ok     ok     --     403  | --     --     --     --     --     --", request: get("/limits")),
        Row("os_compute_api:os-simple-tenant-usage:list", "GET /os-simple-tenant-usage",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --", request: get("/os-simple-tenant-usage?start=2020-01-01T00:00:00&end=2035-01-01T00:00:00")),
        Row("os_compute_api:os-simple-tenant-usage:show", "GET /os-simple-tenant-usage/{project}",
            "ok     ok     ok     ok     --     403  | 403    403    403    ok     ok     403",
            target: { w, project, _ in try await w.target(project, fresh: false) }
        ) { w, p, t in try await w.status(p, .get, v + "/os-simple-tenant-usage/\(t["project"])?start=2020-01-01T00:00:00&end=2035-01-01T00:00:00") },

        // MARK: Key pairs
        Row("os_compute_api:os-keypairs:index", "GET /os-keypairs[?user_id=bob] (2.10)",
            "ok     ok     ok     ok     ok     ok   | 403    403    403    ok     ok     403"
        ) { w, p, t in
            try await w.status(p, .get, v + "/os-keypairs" + (t.project == .beta ? "?user_id=\(w.ownerIDs[.beta]!)" : ""), compute: "2.10")
        },
        Row("os_compute_api:os-keypairs:create", "POST /os-keypairs [user_id: bob] (2.10)",
            "ok     ok     ok     ok     ok     ok   | 403    403    403    ok     ok     403",
            probe: bobsKeypairs
        ) { w, p, t in
            var keypair: [String: JSONValue] = ["name": .string("kp-\(UUID().uuidString.prefix(8))")]
            if t.project == .beta { keypair["user_id"] = .string(w.ownerIDs[.beta]!) }
            return try await w.status(p, .post, v + "/os-keypairs", json: ["keypair": .object(keypair)], compute: "2.10")
        },
        Row("os_compute_api:os-keypairs:show", "GET /os-keypairs/{name}[?user_id=bob] (2.10)",
            "ok     ok     ok     ok     ok     ok   | 403    403    403    ok     ok     403"
        ) { w, p, t in try await w.status(p, .get, keypairPath(w, t, t.project == .beta ? "kp-bob" : "kp-own"), compute: "2.10") },
        Row("os_compute_api:os-keypairs:delete", "DELETE /os-keypairs/{name}[?user_id=bob] (2.10; a fresh key pair)",
            "ok     ok     ok     ok     ok     ok   | 403    403    403    ok     ok     403",
            probe: bobsKeypairs
        ) { w, p, t in
            let name = "gone-\(UUID().uuidString.prefix(8))"
            let owner = t.project == .beta ? w.owners[.beta]! : w.tokens[p]!
            try await w.must(owner, .post, v + "/os-keypairs", json: ["keypair": ["name": .string(name)]])
            let code = try await w.status(p, .delete, keypairPath(w, t, name), compute: "2.10")
            if t.project == .beta, !(200..<300).contains(code) {
                // Denied: bob's key pair is still there (then removed, so the probe sees no change).
                #expect(try await w.send(w.owners[.beta]!, .get, v + "/os-keypairs/\(name)").status == .ok)
                try await w.must(w.owners[.beta]!, .delete, v + "/os-keypairs/\(name)")
            }
            return code
        },
    ]
}
