import Foundation
import HTTPTypes
import StratusOpenStack
import Testing

/// Image v2 under the default (private-cloud) trust profile: only cloud administrators
/// bring images in (create, upload), publish (public, community) and share (add members);
/// a project's readers see and download its images, its members change and delete them
/// and answer invitations. Glance hides what a caller may not see: another project's
/// private image is 404; a visible one without the right is 403. The service user holds
/// no role Glance knows: it is refused everything, 403 or 404 alike.
///
/// Targets are private images owned by the project (made by the cloud admin, naming
/// the owner), fresh wherever a cell changes one. Members of shared images are the
/// project "gamma"; for `modify_member` the own column is the persona's project invited
/// to a beta image, the other column gamma's invitation to it.
@Suite("Policy matrix: image", .serialized)
struct ImagePolicyMatrix {
    static let cloud = MatrixCloud(rows: rows.count) { w in
        _ = try await w.cloud.makeUser("gamma-member", role: "member", project: "gamma", adminToken: w.admin)
    }

    @Test(arguments: rows)
    func cell(_ row: Row) async throws { try await Self.cloud.run(row) }

    static let api = "/image/v2"

    static func gamma(_ w: MatrixWorld) async throws -> String {
        try #require(try await w.read("/identity/v3/projects?name=gamma", compute: nil)?["projects"]?.arrayValue?.first?["id"]?.stringValue)
    }

    /// The project's shared private image, or a fresh one (`active`: with data; `shared`: visibility shared with gamma).
    static func image(active: Bool = false, shared: Bool = false, deactivated: Bool = false) -> @Sendable (MatrixWorld, Proj, Bool) async throws -> Target {
        { w, project, fresh in
            try await w.target(project, fresh: fresh || active || shared || deactivated) { w, p in
                let id = try await w.image(p, visibility: shared ? "shared" : "private")
                if active || deactivated {
                    let upload = try await w.cloud.sendRaw(.put, api + "/images/\(id)/file", token: w.admin, body: [1, 2, 3, 4],
                                                           contentType: "application/octet-stream")
                    try #require(upload.status == .noContent, "upload: \(upload.status) \(upload.text)")
                }
                if deactivated { try await w.must(w.admin, .post, api + "/images/\(id)/actions/deactivate") }
                var ids = ["image": id, "gamma": try await gamma(w)]
                if shared {
                    try await w.must(w.admin, .post, api + "/images/\(id)/members", json: ["member": .string(ids["gamma"]!)])
                }
                ids["member"] = ids["gamma"]
                return ids
            }
        }
    }

    @Sendable static func imageProbe(_ w: MatrixWorld, _ t: Target) async throws -> JSONValue? {
        guard var image = try await w.read(api + "/images/\(t["image"])", compute: nil) else { return nil }
        if case .object(var fields) = image {
            fields["updated_at"] = nil
            image = .object(fields)
        }
        let members = try await w.read(api + "/images/\(t["image"])/members", compute: nil)
        return [image, members ?? .null]
    }

    static func patch(_ operations: JSONValue) -> @Sendable (MatrixWorld, Persona, Target) async throws -> Int {
        { w, p, t in Int(try await w.cloud.patch(api + "/images/\(t["image"])", token: w.tokens[p]!, operations).status.code) }
    }

    //                     reader member alpha  admin  system service
    static let rows: [Row] = [
        Row("get_image", "GET /images/{id}",
            "ok     ok     ok     ok     --     4xx  | 404    404    404    ok     ok     4xx",
            target: image()
        ) { w, p, t in try await w.status(p, .get, api + "/images/\(t["image"])") },
        Row("get_images", "GET /images (200 listing the project's private image; 404 = answered without it)",
            "ok     ok     ok     ok     --     4xx  | 404    404    404    ok     ok     4xx",
            target: image()
        ) { w, p, t in
            let reply = try await w.send(w.tokens[p]!, .get, api + "/images?limit=1000")
            guard reply.status == .ok else { return Int(reply.status.code) }
            return reply.json?["images"]?.arrayValue?.contains { $0["id"]?.stringValue == t["image"] } == true ? 200 : 404
        },
        Row("add_image", "POST /images (other: owner beta)",
            "403    403    403    ok     ok     403  | 403    403    403    ok     ok     403",
            probe: { w, _ in try await w.read(api + "/images?limit=1000", compute: nil) }
        ) { w, p, t in
            var body: [String: JSONValue] = ["name": "new", "disk_format": "raw", "container_format": "bare"]
            if t.project == .beta { body["owner"] = .string(w.pid(.beta)) }
            return try await w.status(p, .post, api + "/images", json: .object(body))
        },
        Row("modify_image", "PATCH /images/{id} replace /name",
            "403    ok     ok     ok     --     4xx  | 404    404    404    ok     ok     4xx",
            target: image(), probe: imageProbe,
            request: { w, p, t in
                try await patch([["op": "replace", "path": "/name", "value": .string("by-\(p.rawValue)")]])(w, p, t)
            }),
        Row("modify_image", "PUT /images/{id}/tags/{tag}",
            "403    ok     ok     ok     --     4xx  | 404    404    404    ok     ok     4xx",
            target: image(), probe: imageProbe
        ) { w, p, t in try await w.status(p, .put, api + "/images/\(t["image"])/tags/by-\(p.rawValue)") },
        Row("delete_image", "DELETE /images/{id}",
            "403    ok     ok     ok     --     4xx  | 404    404    404    ok     ok     4xx",
            fresh: .always, target: image(), probe: imageProbe
        ) { w, p, t in try await w.status(p, .delete, api + "/images/\(t["image"])") },
        Row("upload_image", "PUT /images/{id}/file (a queued image)",
            "403    403    403    ok     --     4xx  | 404    404    404    ok     ok     4xx",
            fresh: .always, target: image(), probe: imageProbe
        ) { w, p, t in
            Int(try await w.cloud.sendRaw(.put, api + "/images/\(t["image"])/file", token: w.tokens[p]!, body: [9, 9],
                                          contentType: "application/octet-stream", headers: [.accept: "application/json"]).status.code)
        },
        Row("download_image", "GET /images/{id}/file (an active image)",
            "ok     ok     ok     ok     --     4xx  | 404    404    404    ok     ok     4xx",
            target: image(active: true)
        ) { w, p, t in
            Int(try await w.cloud.sendRaw(.get, api + "/images/\(t["image"])/file", token: w.tokens[p]!,
                                          headers: [.accept: "application/octet-stream"]).status.code)
        },
        Row("publicize_image", "PATCH /images/{id} replace /visibility public",
            "403    403    403    ok     --     4xx  | 404    404    404    ok     ok     4xx",
            fresh: .allowed, target: image(), probe: imageProbe,
            request: patch([["op": "replace", "path": "/visibility", "value": "public"]])),
        Row("communitize_image", "PATCH /images/{id} replace /visibility community",
            "403    403    403    ok     --     4xx  | 404    404    404    ok     ok     4xx",
            fresh: .allowed, target: image(), probe: imageProbe,
            request: patch([["op": "replace", "path": "/visibility", "value": "community"]])),
        Row("deactivate", "POST /images/{id}/actions/deactivate (an active image)",
            "403    ok     ok     ok     --     4xx  | 404    404    404    ok     ok     4xx",
            fresh: .always, target: image(active: true), probe: imageProbe
        ) { w, p, t in try await w.status(p, .post, api + "/images/\(t["image"])/actions/deactivate") },
        Row("reactivate", "POST /images/{id}/actions/reactivate (a deactivated image)",
            "403    ok     ok     ok     --     4xx  | 404    404    404    ok     ok     4xx",
            fresh: .always, target: image(deactivated: true), probe: imageProbe
        ) { w, p, t in try await w.status(p, .post, api + "/images/\(t["image"])/actions/reactivate") },
        Row("add_member", "POST /images/{id}/members gamma (a shared-visibility image)",
            "403    403    403    ok     --     4xx  | 404    404    404    ok     ok     4xx",
            fresh: .always,
            target: { w, project, _ in
                let id = try await w.image(project, visibility: "shared")
                return Target(project: project, ids: ["image": id, "gamma": try await gamma(w)])
            },
            probe: imageProbe
        ) { w, p, t in try await w.status(p, .post, api + "/images/\(t["image"])/members", json: ["member": .string(t["gamma"])]) },
        // Removing a member only narrows who sees the image: the owning project's members may.
        Row("delete_member", "DELETE /images/{id}/members/{gamma}",
            "403    ok     ok     ok     --     4xx  | 404    404    404    ok     ok     4xx",
            fresh: .always, target: image(shared: true), probe: imageProbe
        ) { w, p, t in try await w.status(p, .delete, api + "/images/\(t["image"])/members/\(t["gamma"])") },
        Row("get_members", "GET /images/{id}/members",
            "ok     ok     ok     ok     --     4xx  | 404    404    404    ok     ok     4xx",
            target: image(shared: true)
        ) { w, p, t in try await w.status(p, .get, api + "/images/\(t["image"])/members") },
        Row("get_member", "GET /images/{id}/members/{gamma}",
            "ok     ok     ok     ok     --     4xx  | 404    404    404    ok     ok     4xx",
            target: image(shared: true)
        ) { w, p, t in try await w.status(p, .get, api + "/images/\(t["image"])/members/\(t["gamma"])") },
        Row("modify_member", "PUT /images/{id}/members/{member} accepted (own: beta's image shared with the persona's project)",
            "403    ok     ok     ok     --     4xx  | 404    404    404    ok     ok     4xx",
            fresh: .always,
            target: { w, project, _ in
                let id = try await w.image(.beta, visibility: "shared")
                let member = project == .beta ? try await gamma(w) : w.pid(project)
                try await w.must(w.admin, .post, api + "/images/\(id)/members", json: ["member": .string(member)])
                return Target(project: project, ids: ["image": id, "member": member])
            },
            probe: imageProbe
        ) { w, p, t in
            try await w.status(p, .put, api + "/images/\(t["image"])/members/\(t["member"])", json: ["status": "accepted"])
        },
    ]
}
