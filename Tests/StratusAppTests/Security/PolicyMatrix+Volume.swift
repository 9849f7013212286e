import Foundation
import HTTPTypes
import StratusOpenStack
import Testing

/// Block Storage v3. A project's readers look at its volumes, members create, change
/// and delete them; quotas are set and every project's volumes listed by cloud
/// administrators. Another project's volume is 404 (Cinder's lookups are project
/// scoped); a visible one without the right is 403.
///
/// `volume:create_volume_metadata`, `volume:get_volume_metadata`,
/// `volume:update_volume_metadata` and `volume:delete_volume_metadata` have no route:
/// this subset has no `/volumes/{id}/metadata`; metadata changes go through
/// `PUT /volumes/{id}` under `volume:update` (row below).
@Suite("Policy matrix: block storage", .serialized)
struct VolumePolicyMatrix {
    static let cloud = MatrixCloud(rows: rows.count)

    @Test(arguments: rows)
    func cell(_ row: Row) async throws { try await Self.cloud.run(row) }

    static let api = "/volume/v3"

    @Sendable static func shared(_ world: MatrixWorld, _ project: Proj, _ fresh: Bool) async throws -> Target {
        try await world.target(project, fresh: fresh) { w, p in ["volume": try await w.volume(p)] }
    }

    @Sendable static func volumeProbe(_ world: MatrixWorld, _ target: Target) async throws -> JSONValue? {
        guard let volume = try await world.read(api + "/volumes/\(target["volume"])", compute: nil)?["volume"] else { return nil }
        if case .string = volume { return volume }
        return ["name": volume["name"] ?? .null, "status": volume["status"] ?? .null, "metadata": volume["metadata"] ?? .null,
                "bootable": volume["bootable"] ?? .null, "description": volume["description"] ?? .null]
    }

    @Sendable static func quotaProbe(_ world: MatrixWorld, _ target: Target) async throws -> JSONValue? {
        try await world.read(api + "/os-quota-sets/\(target["project"])", compute: nil)
    }

    //                     reader member alpha  admin  system service
    static let rows: [Row] = [
        Row("volume:create", "POST /volumes (always in the token's project)",
            "403    ok     ok     ok     --     403  | --     --     --     --     --     --",
            probe: { w, _ in try await w.read(api + "/volumes?all_tenants=1", compute: nil) }
        ) { w, p, _ in try await w.status(p, .post, api + "/volumes", json: ["volume": ["size": 1, "name": "matrix"]]) },
        Row("volume:get", "GET /volumes/{id}",
            "ok     ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            target: shared
        ) { w, p, t in try await w.status(p, .get, api + "/volumes/\(t["volume"])") },
        Row("volume:get_all", "GET /volumes/detail",
            "ok     ok     ok     ok     ok     403  | --     --     --     --     --     --"
        ) { w, p, _ in try await w.status(p, .get, api + "/volumes/detail") },
        Row("volume:get_all_tenants", "GET /volumes?all_tenants=1 (200 with beta's volume listed; 404 = answered without it)",
            "--     --     --     --     --     --   | 404    404    404    ok     ok     403",
            target: shared
        ) { w, p, t in
            let reply = try await w.send(w.tokens[p]!, .get, api + "/volumes?all_tenants=1")
            guard reply.status == .ok else { return Int(reply.status.code) }
            let listed = reply.json?["volumes"]?.arrayValue?.contains { $0["id"]?.stringValue == t["volume"] } == true
            return listed ? 200 : 404
        },
        Row("volume:update", "PUT /volumes/{id} (name, metadata)",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            target: shared, probe: volumeProbe
        ) { w, p, t in
            try await w.status(p, .put, api + "/volumes/\(t["volume"])", json: ["volume": [
                "name": .string("by-\(p.rawValue)"), "metadata": ["by": .string(p.description)],
            ]])
        },
        Row("volume:update", "POST /volumes/{id}/action os-set_bootable",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .allowed, target: shared, probe: volumeProbe
        ) { w, p, t in
            try await w.status(p, .post, api + "/volumes/\(t["volume"])/action", json: ["os-set_bootable": ["bootable": true]])
        },
        Row("volume:delete", "DELETE /volumes/{id}",
            "403    ok     ok     ok     --     403  | 404    404    404    ok     ok     404",
            fresh: .always, target: shared, probe: volumeProbe
        ) { w, p, t in try await w.status(p, .delete, api + "/volumes/\(t["volume"])") },

        Row("volume_extension:quotas:show", "GET /os-quota-sets/{project}",
            "ok     ok     ok     ok     --     403  | 403    403    403    ok     ok     403",
            target: shared
        ) { w, p, t in try await w.status(p, .get, api + "/os-quota-sets/\(t["project"])") },
        Row("volume_extension:quotas:show", "GET /os-quota-sets/{project}?usage=True",
            "ok     ok     ok     ok     --     403  | 403    403    403    ok     ok     403",
            target: shared
        ) { w, p, t in try await w.status(p, .get, api + "/os-quota-sets/\(t["project"])?usage=True") },
        Row("volume_extension:quotas:show", "GET /os-quota-sets/{project}/defaults",
            "ok     ok     ok     ok     --     403  | 403    403    403    ok     ok     403",
            target: shared
        ) { w, p, t in try await w.status(p, .get, api + "/os-quota-sets/\(t["project"])/defaults") },
        Row("volume_extension:quotas:update", "PUT /os-quota-sets/{project}",
            "403    403    403    ok     --     403  | 403    403    403    ok     ok     403",
            target: shared, probe: quotaProbe
        ) { w, p, t in
            try await w.status(p, .put, api + "/os-quota-sets/\(t["project"])", json: ["quota_set": ["volumes": .int(2000 + p.rawValue)]])
        },
        Row("volume_extension:quotas:delete", "DELETE /os-quota-sets/{project}",
            "403    403    403    ok     --     403  | 403    403    403    ok     ok     403",
            target: shared, probe: quotaProbe
        ) { w, p, t in try await w.status(p, .delete, api + "/os-quota-sets/\(t["project"])") },
        Row("volume_extension:quota_classes", "GET /os-quota-class-sets/default",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --"
        ) { w, p, _ in try await w.status(p, .get, api + "/os-quota-class-sets/default") },
        Row("volume_extension:quota_classes", "PUT /os-quota-class-sets/default",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            probe: { w, _ in try await w.read(api + "/os-quota-class-sets/default", compute: nil) }
        ) { w, p, _ in
            try await w.status(p, .put, api + "/os-quota-class-sets/default", json: ["quota_class_set": ["volumes": .int(1000 + p.rawValue)]])
        },
        Row("limits_extension:used_limits", "GET /limits (200 with totalVolumesUsed; 403 = answered without it)",
            "ok     ok     ok     ok     --     403  | --     --     --     --     --     --"
        ) { w, p, _ in
            let reply = try await w.send(w.tokens[p]!, .get, api + "/limits")
            guard reply.status == .ok else { return Int(reply.status.code) }
            return reply.json?["limits"]?["absolute"]?["totalVolumesUsed"] == nil ? 403 : 200
        },
    ]
}
