import Foundation
import HTTPTypes
import StratusOpenStack
import Testing

/// Compute v2.1, servers and what hangs off them. A server belongs to its project:
/// readers look, members act, cloud administrators do both everywhere and alone do
/// the admin actions (reset state, migrations, host attributes). An `admin` of alpha is
/// alpha's member here. Another project's server is 404 (Nova's lookups are project
/// scoped); a visible server without the right is 403. The service user holds only
/// `service`: it reads and changes nothing, but sends external events (a swap also needs member or admin, as in Nova).
///
/// Snapshots and backups create images, which the private-cloud trust profile (the
/// default) gives to cloud administrators alone: members get 403 there.
///
/// Not here: `os_compute_api:servers:show:host_status:unknown-only` (its answer differs
/// from `host_status`'s only while a host is down, and both are the administrators'
/// by default); the Nova proxies of networks, security groups and images
/// (`/os-networks`, `/os-security-groups`, `/images`) answer to Neutron's and Glance's
/// rules, covered by those suites' rows.
@Suite("Policy matrix: compute (servers)", .serialized)
struct ComputeServerPolicyMatrix {
    static let cloud = MatrixCloud(rows: rows.count) { w in
        // Each shared server gets the project's shared volume attached.
        for project in Proj.allCases {
            let ids = w.shared[project]!
            try await w.must(w.owners[project]!, .post, v + "/servers/\(ids["server"]!)/os-volume_attachments",
                             json: ["volumeAttachment": ["volumeId": .string(ids["volume"]!)]])
        }
        try await w.converge()
        try await w.converge()
    }

    @Test(arguments: rows)
    func cell(_ row: Row) async throws { try await Self.cloud.run(row) }

    static let v = "/compute/v2.1"

    // MARK: Targets, probes, requests

    /// The project's shared server, or a fresh one brought to `state`.
    static func server(_ state: MatrixWorld.ServerState = .active) -> @Sendable (MatrixWorld, Proj, Bool) async throws -> Target {
        { w, project, fresh in
            try await w.target(project, fresh: fresh) { w, p in ["server": try await w.server(p, state)] }
        }
    }

    @Sendable static func sprobe(_ w: MatrixWorld, _ t: Target) async throws -> JSONValue? {
        try await w.serverProbe(t["server"])
    }

    static func action(_ body: JSONValue, _ version: String? = nil) -> @Sendable (MatrixWorld, Persona, Target) async throws -> Int {
        { w, p, t in try await w.status(p, .post, v + "/servers/\(t["server"])/action", json: body, compute: version) }
    }

    static func on(
        _ method: HTTPRequest.Method, _ suffix: String, _ body: JSONValue? = nil, _ version: String? = nil
    ) -> @Sendable (MatrixWorld, Persona, Target) async throws -> Int {
        { w, p, t in try await w.status(p, method, v + "/servers/\(t["server"])" + suffix, json: body, compute: version) }
    }

    /// 200 when the server's view (as `persona`) has `field` (inside `flavor` when `inFlavor`), 403 when not.
    static func shows(_ field: String, _ version: String, inFlavor: Bool = false) -> @Sendable (MatrixWorld, Persona, Target) async throws -> Int {
        { w, p, t in
            let reply = try await w.send(w.tokens[p]!, .get, v + "/servers/\(t["server"])", compute: version)
            guard reply.status == .ok, let server = reply.json?["server"] else { return Int(reply.status.code) }
            return (inFlavor ? server["flavor"]?[field] : server[field]) == nil ? 403 : 200
        }
    }

    /// 200 when the list (as `persona`) has the target's server, 404 when it answered without it.
    static func lists(_ path: String, _ key: String, _ id: String, _ version: String? = nil) -> @Sendable (MatrixWorld, Persona, Target) async throws -> Int {
        { w, p, t in
            let reply = try await w.send(w.tokens[p]!, .get, v + path, compute: version)
            guard reply.status == .ok else { return Int(reply.status.code) }
            return reply.json?[key]?.arrayValue?.contains { $0["id"]?.stringValue == t[id] } == true ? 200 : 404
        }
    }

    /// The host the server is not on.
    static func otherHost(_ w: MatrixWorld, _ server: String) async throws -> String {
        let host = try await w.read(v + "/servers/\(server)")?["server"]?["OS-EXT-SRV-ATTR:host"]?.stringValue
        return host == "sim-1" ? "sim-2" : "sim-1"
    }

    /// A fresh server with a fresh volume attached (and a second, available one for swaps).
    @Sendable static func attached(_ w: MatrixWorld, _ project: Proj, _ fresh: Bool) async throws -> Target {
        let server = try await w.server(project)
        let volume = try await w.volume(project)
        try await w.must(w.owners[project]!, .post, v + "/servers/\(server)/os-volume_attachments",
                         json: ["volumeAttachment": ["volumeId": .string(volume)]])
        try await w.converge()
        try await w.converge()
        return Target(project: project, ids: ["server": server, "volume": volume, "spare": try await w.volume(project)])
    }

    @Sendable static func serverProbeWithVolumes(_ w: MatrixWorld, _ t: Target) async throws -> JSONValue? {
        [try await w.serverProbe(t["server"]) ?? .null, try await w.read(v + "/servers/\(t["server"])/os-volume_attachments") ?? .null]
    }

    static let image = JSONValue.string(MatrixWorld.imageID)

    //                     reader member alpha  admin  system service
    static let rows: [Row] = [
        // MARK: Servers
        Row("os_compute_api:servers:index", "GET /servers",
            "ok     ok     ok     ok     --     403  | --     --     --     --     --     --", request: { w, p, _ in try await w.status(p, .get, v + "/servers") }),
        Row("os_compute_api:servers:detail", "GET /servers/detail",
            "ok     ok     ok     ok     --     403  | --     --     --     --     --     --", request: { w, p, _ in try await w.status(p, .get, v + "/servers/detail") }),
        Row("os_compute_api:servers:index:get_all_tenants", "GET /servers?all_tenants=1 (200 listing beta's server)",
            "--     --     --     --     --     --   | 403    403    403    ok     ok     403",
            target: server(), request: lists("/servers?all_tenants=1", "servers", "server")),
        Row("os_compute_api:servers:detail:get_all_tenants", "GET /servers/detail?all_tenants=1 (200 listing beta's server)",
            "--     --     --     --     --     --   | 403    403    403    ok     ok     403",
            target: server(), request: lists("/servers/detail?all_tenants=1", "servers", "server")),
        Row("os_compute_api:servers:show", "GET /servers/{id}",
            "ok     ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            target: server(), request: on(.get, "")),
        Row("os_compute_api:servers:create", "POST /servers (in the token's project)",
            "403    ok     ok     ok     --     403  | --     --     --     --     --     --",
            probe: { w, _ in try await w.read(v + "/servers?all_tenants=1") }
        ) { w, p, _ in
            try await w.status(p, .post, v + "/servers", json: ["server": ["name": "new", "imageRef": image, "flavorRef": "42",
                                                                 "networks": [["uuid": .string(try await w.sharedNetwork())]]]])
        },
        Row("compute:servers:create:requested_destination", "POST /servers {host: sim-1} (2.74)",
            "403    403    403    ok     --     403  | --     --     --     --     --     --",
            probe: { w, _ in try await w.read(v + "/servers?all_tenants=1") }
        ) { w, p, _ in
            try await w.status(p, .post, v + "/servers", json: [
                "server": ["name": "placed", "imageRef": image, "flavorRef": "42", "host": "sim-1", "networks": "none"],
            ], compute: "2.74")
        },
        Row("os_compute_api:servers:create:trusted_certs", "POST /servers {trusted_image_certificates} (2.63)",
            "403    ok     ok     ok     --     403  | --     --     --     --     --     --",
            probe: { w, _ in try await w.read(v + "/servers?all_tenants=1") }
        ) { w, p, _ in
            try await w.status(p, .post, v + "/servers", json: [
                "server": ["name": "certs", "imageRef": image, "flavorRef": "42", "networks": "none", "trusted_image_certificates": ["cert-1"]],
            ], compute: "2.63")
        },
        Row("os_compute_api:servers:update", "PUT /servers/{id} (name)",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            target: server(), probe: sprobe
        ) { w, p, t in try await w.status(p, .put, v + "/servers/\(t["server"])", json: ["server": ["name": .string("by-\(p.rawValue)")]]) },
        Row("os_compute_api:servers:delete", "DELETE /servers/{id}",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .always, target: server(), probe: sprobe, request: on(.delete, "")),
        Row("os_compute_api:os-deferred-delete:force", "POST /servers/{id}/action forceDelete",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .always, target: server(), probe: sprobe, request: action(["forceDelete": nil])),
        Row("os_compute_api:os-deferred-delete:restore", "POST /servers/{id}/action restore (nothing is ever SOFT_DELETED here)",
            "403    409    409    409    --     403  | 404    404    404    409    409    404",
            target: server(), probe: sprobe, request: action(["restore": nil])),

        // MARK: Power and state
        Row("os_compute_api:servers:start", "POST /servers/{id}/action os-start (SHUTOFF)",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .always, target: server(.shutoff), probe: sprobe, request: action(["os-start": nil])),
        Row("os_compute_api:servers:stop", "POST /servers/{id}/action os-stop",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .allowed, target: server(), probe: sprobe, request: action(["os-stop": nil])),
        Row("os_compute_api:servers:reboot", "POST /servers/{id}/action reboot",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .allowed, target: server(), probe: sprobe, request: action(["reboot": ["type": "SOFT"]])),
        Row("os_compute_api:os-pause-server:pause", "POST /servers/{id}/action pause",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .allowed, target: server(), probe: sprobe, request: action(["pause": nil])),
        Row("os_compute_api:os-pause-server:unpause", "POST /servers/{id}/action unpause (PAUSED)",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .always, target: server(.paused), probe: sprobe, request: action(["unpause": nil])),
        Row("os_compute_api:os-suspend-server:suspend", "POST /servers/{id}/action suspend",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .allowed, target: server(), probe: sprobe, request: action(["suspend": nil])),
        Row("os_compute_api:os-suspend-server:resume", "POST /servers/{id}/action resume (SUSPENDED)",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .always, target: server(.suspended), probe: sprobe, request: action(["resume": nil])),
        Row("os_compute_api:os-lock-server:lock", "POST /servers/{id}/action lock",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .allowed, target: server(), probe: sprobe, request: action(["lock": nil])),
        Row("os_compute_api:os-lock-server:unlock", "POST /servers/{id}/action unlock (locked by its owner)",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .always, target: server(.locked), probe: sprobe, request: action(["unlock": nil])),
        Row("os_compute_api:os-lock-server:unlock:unlock_override", "POST /servers/{id}/action unlock (locked by a system admin)",
            "403    403    403    ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .always,
            target: { w, project, _ in
                let server = try await w.server(project)
                try await w.must(w.tokens[.systemAdmin]!, .post, v + "/servers/\(server)/action", json: ["lock": nil])
                return Target(project: project, ids: ["server": server])
            },
            probe: sprobe, request: action(["unlock": nil])),
        Row("os_compute_api:os-admin-actions:reset_state", "POST /servers/{id}/action os-resetState",
            "403    403    403    ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .allowed, target: server(), probe: sprobe, request: action(["os-resetState": ["state": "error"]])),
        Row("os_compute_api:os-admin-actions:inject_network_info", "POST /servers/{id}/action injectNetworkInfo",
            "403    403    403    ok     --     403  | 404    404    404    ok     ok     404",
            target: server(), probe: sprobe, request: action(["injectNetworkInfo": nil])),
        Row("os_compute_api:os-console-output", "POST /servers/{id}/action os-getConsoleOutput",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            target: server(), request: action(["os-getConsoleOutput": ["length": 5]])),

        // MARK: Rebuild, resize, images
        Row("os_compute_api:servers:rebuild", "POST /servers/{id}/action rebuild",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .allowed, target: server(), probe: sprobe, request: action(["rebuild": ["imageRef": image]])),
        Row("os_compute_api:servers:rebuild:trusted_certs", "POST /servers/{id}/action rebuild {trusted_image_certificates} (2.63)",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .allowed, target: server(), probe: sprobe,
            request: action(["rebuild": ["imageRef": image, "trusted_image_certificates": ["cert-1"]]], "2.63")),
        Row("os_compute_api:servers:resize", "POST /servers/{id}/action resize",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .allowed, target: server(), probe: sprobe, request: action(["resize": ["flavorRef": "84"]])),
        Row("os_compute_api:servers:confirm_resize", "POST /servers/{id}/action confirmResize (VERIFY_RESIZE)",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .always, target: server(.verifyResize), probe: sprobe, request: action(["confirmResize": nil])),
        Row("os_compute_api:servers:revert_resize", "POST /servers/{id}/action revertResize (VERIFY_RESIZE)",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .always, target: server(.verifyResize), probe: sprobe, request: action(["revertResize": nil])),
        Row("os_compute_api:servers:create_image", "POST /servers/{id}/action createImage",
            "403    403    403    ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .allowed, target: server(), probe: { w, _ in try await w.read("/image/v2/images", compute: nil) },
            request: action(["createImage": ["name": "snap"]])),
        Row("os_compute_api:os-create-backup", "POST /servers/{id}/action createBackup",
            "403    403    403    ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .allowed, target: server(), probe: { w, _ in try await w.read("/image/v2/images", compute: nil) },
            request: action(["createBackup": ["name": "b", "backup_type": "daily", "rotation": 1]])),

        // MARK: Moves
        Row("os_compute_api:os-migrate-server:migrate", "POST /servers/{id}/action migrate",
            "403    403    403    ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .allowed, target: server(), probe: sprobe, request: action(["migrate": nil])),
        Row("os_compute_api:os-migrate-server:migrate:host", "POST /servers/{id}/action migrate {host} (2.56)",
            "403    403    403    ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .allowed, target: server(), probe: sprobe
        ) { w, p, t in
            try await w.status(p, .post, v + "/servers/\(t["server"])/action",
                               json: ["migrate": ["host": .string(try await otherHost(w, t["server"]))]], compute: "2.56")
        },
        Row("os_compute_api:os-migrate-server:migrate_live", "POST /servers/{id}/action os-migrateLive (2.25)",
            "403    403    403    ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .allowed, target: server(), probe: sprobe,
            request: action(["os-migrateLive": ["host": nil, "block_migration": "auto"]], "2.25")),
        Row("os_compute_api:os-migrate-server:migrate_live:host", "POST /servers/{id}/action os-migrateLive {host} (2.25)",
            "403    403    403    ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .allowed, target: server(), probe: sprobe
        ) { w, p, t in
            try await w.status(p, .post, v + "/servers/\(t["server"])/action", json: [
                "os-migrateLive": ["host": .string(try await otherHost(w, t["server"])), "block_migration": "auto"],
            ], compute: "2.25")
        },
        Row("os_compute_api:servers:migrations:index", "GET /servers/{id}/migrations (2.23)",
            "403    403    403    ok     --     403  | 404    404    404    ok     ok     404",
            target: server(), request: on(.get, "/migrations", nil, "2.23")),
        Row("os_compute_api:servers:migrations:show", "GET /servers/{id}/migrations/{id} (2.23; a live migration under way)",
            "403    403    403    ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .always,
            target: { w, project, _ in
                let server = try await w.server(project)
                try await w.must(w.admin, .post, v + "/servers/\(server)/action",
                                 json: ["os-migrateLive": ["host": nil, "block_migration": "auto"]], compute: "2.25")
                try await w.converge()
                let migrations = try await w.read(v + "/servers/\(server)/migrations", compute: "2.23")
                let id = try #require(migrations?["migrations"]?.arrayValue?.first?["id"], "no migration under way: \(String(describing: migrations))")
                return Target(project: project, ids: ["server": server, "migration": ComputeCloudPolicyMatrix.plain(id)])
            }
        ) { w, p, t in try await w.status(p, .get, v + "/servers/\(t["server"])/migrations/\(t["migration"])", compute: "2.23") },

        // MARK: Attributes shown on a server (200 shown, 403 hidden)
        Row("os_compute_api:os-extended-server-attributes", "GET /servers/{id}: OS-EXT-SRV-ATTR:host",
            "403    403    403    ok     --     403  | 404    404    404    ok     ok     404",
            target: server(), request: shows("OS-EXT-SRV-ATTR:host", "2.1")),
        Row("os_compute_api:servers:show:host_status", "GET /servers/{id}: host_status (2.16)",
            "403    403    403    ok     --     403  | 404    404    404    ok     ok     404",
            target: server(), request: shows("host_status", "2.16")),
        Row("os_compute_api:servers:show:flavor-extra-specs", "GET /servers/{id}: flavor.extra_specs (2.47)",
            "ok     ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            target: server(), request: shows("extra_specs", "2.47", inFlavor: true)),
        Row("os_compute_api:servers:allow_all_filters", "GET /servers/detail?host=nowhere (200 honoured: empty; 403 ignored: own server listed)",
            "403    403    403    ok     --     403  | --     --     --     --     --     --",
            target: server()
        ) { w, p, t in
            let reply = try await w.send(w.tokens[p]!, .get, v + "/servers/detail?host=nowhere")
            guard reply.status == .ok else { return Int(reply.status.code) }
            return reply.json?["servers"]?.arrayValue?.isEmpty == true ? 200 : 403
        },

        // MARK: Metadata and tags
        Row("os_compute_api:server-metadata:index", "GET /servers/{id}/metadata",
            "ok     ok     ok     ok     --     403  | 404    404    404    ok     ok     404", target: server(), request: on(.get, "/metadata")),
        Row("os_compute_api:server-metadata:show", "GET /servers/{id}/metadata/k (checked under server-metadata:index)",
            "ok     ok     ok     ok     --     403  | 404    404    404    ok     ok     404", target: server(), request: on(.get, "/metadata/k")),
        Row("os_compute_api:server-metadata:create", "POST /servers/{id}/metadata",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            target: server(), probe: sprobe
        ) { w, p, t in try await w.status(p, .post, v + "/servers/\(t["server"])/metadata", json: ["metadata": [.init(stringLiteral: "m-\(p.rawValue)"): "v"]]) },
        Row("os_compute_api:server-metadata:update", "PUT /servers/{id}/metadata/k",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .allowed, target: server(), probe: sprobe
        ) { w, p, t in try await w.status(p, .put, v + "/servers/\(t["server"])/metadata/k", json: ["meta": ["k": .string("by-\(p.rawValue)")]]) },
        Row("os_compute_api:server-metadata:update_all", "PUT /servers/{id}/metadata",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .allowed, target: server(), probe: sprobe
        ) { w, p, t in try await w.status(p, .put, v + "/servers/\(t["server"])/metadata", json: ["metadata": ["k": .string("all-\(p.rawValue)")]]) },
        Row("os_compute_api:server-metadata:delete", "DELETE /servers/{id}/metadata/k",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .allowed, target: server(), probe: sprobe, request: on(.delete, "/metadata/k")),
        Row("os_compute_api:os-server-tags:index", "GET /servers/{id}/tags (2.26)",
            "ok     ok     ok     ok     --     403  | 404    404    404    ok     ok     404", target: server(), request: on(.get, "/tags", nil, "2.26")),
        Row("os_compute_api:os-server-tags:show", "GET /servers/{id}/tags/t1 (2.26)",
            "ok     ok     ok     ok     --     403  | 404    404    404    ok     ok     404", target: server(), request: on(.get, "/tags/t1", nil, "2.26")),
        Row("os_compute_api:os-server-tags:update", "PUT /servers/{id}/tags/{tag} (2.26)",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            target: server(), probe: sprobe
        ) { w, p, t in try await w.status(p, .put, v + "/servers/\(t["server"])/tags/by-\(p.rawValue)", compute: "2.26") },
        Row("os_compute_api:os-server-tags:update_all", "PUT /servers/{id}/tags (2.26)",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .allowed, target: server(), probe: sprobe, request: on(.put, "/tags", ["tags": ["x", "y"]], "2.26")),
        Row("os_compute_api:os-server-tags:delete", "DELETE /servers/{id}/tags/t1 (2.26)",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .allowed,
            target: { w, project, fresh in
                try await w.target(project, fresh: fresh) { w, p in
                    let id = try await w.server(p)
                    try await w.must(w.owners[p]!, .put, v + "/servers/\(id)/tags/t1", compute: "2.26")
                    return ["server": id]
                }
            },
            probe: sprobe, request: on(.delete, "/tags/t1", nil, "2.26")),
        Row("os_compute_api:os-server-tags:delete_all", "DELETE /servers/{id}/tags (2.26)",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .allowed, target: server(), probe: sprobe, request: on(.delete, "/tags", nil, "2.26")),

        // MARK: Networking, password, topology, actions
        Row("os_compute_api:os-security-groups:list", "GET /servers/{id}/os-security-groups",
            "ok     ok     ok     ok     --     403  | 404    404    404    ok     ok     404", target: server(), request: on(.get, "/os-security-groups")),
        Row("os_compute_api:os-security-groups:add", "POST /servers/{id}/action addSecurityGroup (the project's group)",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .allowed, target: server(), probe: sprobe
        ) { w, p, t in
            try await w.status(p, .post, v + "/servers/\(t["server"])/action", json: ["addSecurityGroup": ["name": .string("sg-\(t.project.rawValue)")]])
        },
        Row("os_compute_api:os-security-groups:remove", "POST /servers/{id}/action removeSecurityGroup default",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .allowed, target: server(), probe: sprobe, request: action(["removeSecurityGroup": ["name": "default"]])),
        Row("os_compute_api:ips:index", "GET /servers/{id}/ips",
            "ok     ok     ok     ok     --     403  | 404    404    404    ok     ok     404", target: server(), request: on(.get, "/ips")),
        Row("os_compute_api:ips:show", "GET /servers/{id}/ips/shared (checked under ips:index)",
            "ok     ok     ok     ok     --     403  | 404    404    404    ok     ok     404", target: server(), request: on(.get, "/ips/shared")),
        Row("os_compute_api:os-server-password:show", "GET /servers/{id}/os-server-password",
            "ok     ok     ok     ok     --     403  | 404    404    404    ok     ok     404", target: server(), request: on(.get, "/os-server-password")),
        Row("os_compute_api:os-server-password:clear", "DELETE /servers/{id}/os-server-password",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            target: server(), probe: sprobe, request: on(.delete, "/os-server-password")),
        Row("compute:server:topology:index", "GET /servers/{id}/topology (2.78)",
            "ok     ok     ok     ok     --     403  | 404    404    404    ok     ok     404", target: server(), request: on(.get, "/topology", nil, "2.78")),
        Row("os_compute_api:os-instance-actions:list", "GET /servers/{id}/os-instance-actions",
            "ok     ok     ok     ok     --     403  | 404    404    404    ok     ok     404", target: server(), request: on(.get, "/os-instance-actions")),
        Row("os_compute_api:os-instance-actions:show", "GET /servers/{id}/os-instance-actions/{request}",
            "ok     ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            target: server()
        ) { w, p, t in
            let actions = try await w.read(v + "/servers/\(t["server"])/os-instance-actions")
            let request = actions?["instanceActions"]?.arrayValue?.first?["request_id"]?.stringValue ?? "none"
            return try await w.status(p, .get, v + "/servers/\(t["server"])/os-instance-actions/\(request)")
        },
        Row("os_compute_api:os-instance-actions:events", "GET /servers/{id}/os-instance-actions/{request}: events (200 shown, 403 hidden)",
            "403    403    403    ok     --     403  | 404    404    404    ok     ok     404",
            target: server()
        ) { w, p, t in
            let actions = try await w.read(v + "/servers/\(t["server"])/os-instance-actions")
            let request = actions?["instanceActions"]?.arrayValue?.first?["request_id"]?.stringValue ?? "none"
            let reply = try await w.send(w.tokens[p]!, .get, v + "/servers/\(t["server"])/os-instance-actions/\(request)")
            guard reply.status == .ok else { return Int(reply.status.code) }
            return reply.json?["instanceAction"]?["events"] == nil ? 403 : 200
        },

        // MARK: Server groups
        Row("os_compute_api:os-server-groups:index", "GET /os-server-groups",
            "ok     ok     ok     ok     --     403  | --     --     --     --     --     --",
            request: { w, p, _ in try await w.status(p, .get, v + "/os-server-groups") }),
        Row("os_compute_api:os-server-groups:index:all_projects", "GET /os-server-groups?all_projects=True (200 listing beta's group)",
            "--     --     --     --     --     --   | 404    404    404    ok     ok     403",
            target: server(), request: lists("/os-server-groups?all_projects=True", "server_groups", "group")),
        Row("os_compute_api:os-server-groups:show", "GET /os-server-groups/{id}",
            "ok     ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            target: server()
        ) { w, p, t in try await w.status(p, .get, v + "/os-server-groups/\(t["group"])") },
        Row("os_compute_api:os-server-groups:create", "POST /os-server-groups (in the token's project)",
            "403    ok     ok     ok     --     403  | --     --     --     --     --     --",
            probe: { w, _ in try await w.read(v + "/os-server-groups?all_projects=True") }
        ) { w, p, _ in
            try await w.status(p, .post, v + "/os-server-groups", json: ["server_group": ["name": "g", "policies": ["anti-affinity"]]])
        },
        Row("os_compute_api:os-server-groups:delete", "DELETE /os-server-groups/{id}",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .always,
            target: { w, project, _ in
                let made = try await w.must(w.owners[project]!, .post, v + "/os-server-groups",
                                            json: ["server_group": ["name": "gone", "policies": ["affinity"]]])
                return Target(project: project, ids: ["group": try #require(made.json?["server_group"]?["id"]?.stringValue)])
            },
            probe: { w, t in try await w.read(v + "/os-server-groups/\(t["group"])") }
        ) { w, p, t in try await w.status(p, .delete, v + "/os-server-groups/\(t["group"])") },

        // MARK: Volume attachments
        Row("os_compute_api:os-volumes-attachments:index", "GET /servers/{id}/os-volume_attachments",
            "ok     ok     ok     ok     --     403  | 404    404    404    ok     ok     404", target: server(), request: on(.get, "/os-volume_attachments")),
        Row("os_compute_api:os-volumes-attachments:show", "GET /servers/{id}/os-volume_attachments/{volume}",
            "ok     ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            target: server()
        ) { w, p, t in try await w.status(p, .get, v + "/servers/\(t["server"])/os-volume_attachments/\(t["volume"])") },
        Row("os_compute_api:os-volumes-attachments:create", "POST /servers/{id}/os-volume_attachments (a fresh volume of the project)",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .always,
            target: { w, project, _ in
                try await w.target(project, fresh: true) { w, p in ["server": try await w.server(p), "spare": try await w.volume(p)] }
            },
            probe: serverProbeWithVolumes
        ) { w, p, t in
            try await w.status(p, .post, v + "/servers/\(t["server"])/os-volume_attachments", json: ["volumeAttachment": ["volumeId": .string(t["spare"])]])
        },
        Row("os_compute_api:os-volumes-attachments:swap", "PUT /servers/{id}/os-volume_attachments/{volume} (swap to another volume)",
            // Allowed callers pass the rule and meet 409 (the volume is not migrating; Stratus has none).
            // As in Nova, the route asks os-volumes-attachments:update (member or admin) before swap:
            // a user with `service` alone is refused; Cinder's service user holds admin as well.
            "403    403    403    409    --     403 | 404    404    404    409    409    404",
            fresh: .always, target: attached, probe: serverProbeWithVolumes
        ) { w, p, t in
            try await w.status(p, .put, v + "/servers/\(t["server"])/os-volume_attachments/\(t["volume"])",
                               json: ["volumeAttachment": ["volumeId": .string(t["spare"])]])
        },
        Row("os_compute_api:os-volumes-attachments:delete", "DELETE /servers/{id}/os-volume_attachments/{volume}",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .always, target: attached, probe: serverProbeWithVolumes
        ) { w, p, t in try await w.status(p, .delete, v + "/servers/\(t["server"])/os-volume_attachments/\(t["volume"])") },

        // MARK: External events
        Row("os_compute_api:os-server-external-events:create", "POST /os-server-external-events network-changed (own / beta's server)",
            "403    403    403    ok     --     ok   | 403    403    403    ok     ok     ok",
            target: server(), probe: sprobe
        ) { w, p, t in
            try await w.status(p, .post, v + "/os-server-external-events", json: ["events": [
                ["name": "network-changed", "server_uuid": .string(t["server"])],
            ]])
        },

        // MARK: Nova's volume proxy (2.1–2.35)
        Row("os_compute_api:os-volumes:list", "GET /os-volumes",
            "ok     ok     ok     ok     --     403  | --     --     --     --     --     --", request: { w, p, _ in try await w.status(p, .get, v + "/os-volumes") }),
        Row("os_compute_api:os-volumes:detail", "GET /os-volumes/detail",
            "ok     ok     ok     ok     --     403  | --     --     --     --     --     --", request: { w, p, _ in try await w.status(p, .get, v + "/os-volumes/detail") }),
        // The proxy asks its rule of the caller's own project first (as Nova), then Cinder
        // looks the volume up: another project's volume is 404 to whoever passed the rule.
        Row("os_compute_api:os-volumes:show", "GET /os-volumes/{id}",
            "ok     ok     ok     ok     --     403  | 404    404    404    ok     ok     403",
            target: server()
        ) { w, p, t in try await w.status(p, .get, v + "/os-volumes/\(t["volume"])") },
        Row("os_compute_api:os-volumes:create", "POST /os-volumes (in the token's project)",
            "403    ok     ok     ok     --     403  | --     --     --     --     --     --",
            probe: { w, _ in try await w.read("/volume/v3/volumes?all_tenants=1", compute: nil) }
        ) { w, p, _ in try await w.status(p, .post, v + "/os-volumes", json: ["volume": ["size": 1]]) },
        Row("os_compute_api:os-volumes:delete", "DELETE /os-volumes/{id}",
            "403    ok     ok     ok     --     403  | 403    404    404    ok     ok     403",
            fresh: .always,
            target: { w, project, _ in Target(project: project, ids: ["volume": try await w.volume(project)]) },
            probe: { w, t in try await w.read("/volume/v3/volumes/\(t["volume"])", compute: nil) }
        ) { w, p, t in try await w.status(p, .delete, v + "/os-volumes/\(t["volume"])") },
    ]
}
