import Foundation
import HTTPTypes
import StratusCore
import StratusOpenStack
import Testing

@Suite("Image v2 over HTTP: documents, records, errors")
struct ImageHTTPTests {
    @Test func versionsAreA300ListWithAbsoluteLinks() async throws {
        try await TestCloud.run { cloud in
            for path in ["/image", "/image/v2"] {
                let reply = try await cloud.send(.get, path)
                #expect(reply.status == .multipleChoices)
                let versions = try #require(reply.json?["versions"]?.arrayValue)
                #expect(versions.first?["id"] == "v2.7" && versions.first?["status"] == "CURRENT")
                #expect(versions.allSatisfy { $0["links"]?.arrayValue?.first?["href"] == .string(cloud.cloud.baseURL + "/image/v2/") })
            }
        }
    }

    @Test func schemasAreGlances() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let image = try await cloud.glance(.get, "/schemas/image", token: admin)
            #expect(image.json?["name"] == "image")
            #expect(image.json?["additionalProperties"]?["type"] == "string")
            #expect(image.json?["properties"]?["status"]?["readOnly"] == true)
            #expect(image.json?["properties"]?["disk_format"]?["enum"]?.arrayValue?.contains("qcow2") == true)
            let images = try await cloud.glance(.get, "/schemas/images", token: admin)
            #expect(images.json?["name"] == "images")
            #expect(images.json?["properties"]?["images"]?["items"]?["name"] == "image")
            #expect(try await cloud.glance(.get, "/schemas/member", token: admin).json?["name"] == "member")
            #expect(try await cloud.glance(.get, "/schemas/members", token: admin).json?["name"] == "members")
            #expect(try await cloud.send(.get, "/image/v2/schemas/image").status == .unauthorized)
        }
    }

    @Test func createShowPatchDelete() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let created = try await cloud.glance(.post, "/images", token: admin, json: [
                "name": "cirros", "disk_format": "qcow2", "container_format": "bare", "os_distro": "cirros",
                "tags": ["base"], "min_ram": 64,
            ])
            #expect(created.status == .created)
            let id = try #require(created.json?["id"]?.stringValue)
            #expect(created.headers[.location] == cloud.cloud.baseURL + "/image/v2/images/" + id)
            let body = try #require(created.json)
            #expect(body["status"] == "queued" && body["visibility"] == "private")
            #expect(body["os_distro"] == "cirros" && body["tags"] == ["base"] && body["min_ram"] == 64)
            #expect(body["checksum"] == .null && body["size"] == .null && body["os_hidden"] == false)
            #expect(body["self"] == .string("/v2/images/\(id)") && body["file"] == .string("/v2/images/\(id)/file"))
            #expect(body["schema"] == "/v2/schemas/image")
            #expect(body["created_at"]?.stringValue?.hasSuffix("Z") == true)

            let patched = try await cloud.patch("/image/v2/images/\(id)", token: admin, [
                ["op": "replace", "path": "/name", "value": "cirros-0.6"],
                ["op": "add", "path": "/hw_rng_model", "value": "virtio"],
                ["op": "remove", "path": "/os_distro"],
                ["op": "add", "path": "/protected", "value": true],
            ])
            #expect(patched.status == .ok)
            #expect(patched.json?["name"] == "cirros-0.6" && patched.json?["hw_rng_model"] == "virtio")
            #expect(patched.json?["os_distro"] == nil && patched.json?["protected"] == true)
            #expect(try await cloud.glance(.get, "/images/\(id)", token: admin).json?["name"] == "cirros-0.6")

            let protected = try await cloud.glance(.delete, "/images/\(id)", token: admin)
            #expect(protected.status == .forbidden)
            #expect(protected.glanceMessage?.contains("is protected and cannot be deleted") == true)
            _ = try await cloud.patch("/image/v2/images/\(id)", token: admin, [["op": "replace", "path": "/protected", "value": false]])
            #expect(try await cloud.glance(.delete, "/images/\(id)", token: admin).status == .noContent)
            #expect(try await cloud.glance(.get, "/images/\(id)", token: admin).status == .notFound)
            #expect(try await cloud.glance(.delete, "/images/\(id)", token: admin).status == .notFound)
            // Ids are never reused.
            let again = try await cloud.glance(.post, "/images", token: admin, json: ["id": .string(id)])
            #expect(again.status == .conflict)
        }
    }

    @Test func patchRulesAndMediaTypes() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let id = try await cloud.createImage(token: admin)
            let path = "/image/v2/images/\(id)"
            #expect(try await cloud.patch(path, token: admin, [["op": "replace", "path": "/status", "value": "active"]])
                .glanceMessage?.contains("Attribute 'status' is read-only.") == true)
            #expect(try await cloud.patch(path, token: admin, [["op": "replace", "path": "/nope", "value": "x"]]).status == .conflict)
            #expect(try await cloud.patch(path, token: admin, [["op": "move", "path": "/name"]]).status == .badRequest)
            #expect(try await cloud.patch(path, token: admin, [["op": "add", "path": "/name"]]).status == .badRequest)
            #expect(try await cloud.patch(path, token: admin, [["op": "add", "path": "name", "value": "x"]]).status == .badRequest)
            #expect(try await cloud.patch(path, token: admin, ["op": "add"]).status == .badRequest)
            #expect(try await cloud.patch(path, token: admin, [["op": "add", "path": "/min_disk", "value": "1"]]).status == .badRequest)
            #expect(try await cloud.patch(path, token: admin, [["op": "add", "path": "/a~1b", "value": "x"]]).json?["a/b"] == "x")
            // The older form, {"<op>": "<path>"}.
            #expect(try await cloud.patch(path, token: admin, [["replace": "/name", "value": "old-form"]]).json?["name"] == "old-form")

            let json = try await cloud.sendRaw(
                .patch, path, token: admin, body: Array(#"[{"op":"add","path":"/x","value":"y"}]"#.utf8),
                contentType: "application/json")
            #expect(json.status == .unsupportedMediaType)
            #expect(json.headers[HTTPField.Name("Accept-Patch")!]?.contains("application/openstack-images-v2.1-json-patch") == true)
            // v2.0 refuses to add what exists.
            let v20 = try await cloud.sendRaw(
                .patch, path, token: admin, body: Array(#"[{"op":"add","path":"/name","value":"y"}]"#.utf8),
                contentType: "application/openstack-images-v2.0-json-patch")
            #expect(v20.status == .conflict)
        }
    }

    @Test func errorsAreWebobPagesByAccept() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let missing = "/image/v2/images/00000000-0000-4000-8000-000000000000"
            let json = try await cloud.sendRaw(.get, missing, token: admin, headers: [.accept: "application/json"])
            #expect(json.status == .notFound)
            #expect(json.json?["code"] == "404 Not Found" && json.json?["title"] == "Not Found")
            #expect(json.json?["message"]?.stringValue?.contains("No image found with ID 00000000-0000-4000-8000-000000000000") == true)
            let html = try await cloud.sendRaw(.get, missing, token: admin, headers: [.accept: "*/*"])
            #expect(html.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(html.text.contains("<title>404 Not Found</title>") && html.text.contains("No image found with ID"))
            let plain = try await cloud.sendRaw(.get, missing, token: admin)
            #expect(plain.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(plain.text.hasPrefix("404 Not Found\n\nThe resource could not be found."))
            // Unauthenticated is keystonemiddleware's JSON, as in front of every service.
            let anonymous = try await cloud.sendRaw(.get, "/image/v2/images")
            #expect(anonymous.status == .unauthorized && anonymous.json?["error"]?["code"] == 401)
        }
    }

    @Test func createRefusesReadOnlyReservedAndBadValues() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            for (field, value, status) in [
                ("status", JSONValue.string("active"), HTTPResponse.Status.forbidden), ("self", "x", .forbidden),
                ("os_glance_x", "x", .forbidden), ("locations", .array([]), .forbidden), ("disk_format", "exe", .badRequest),
                ("id", "nope", .badRequest), ("visibility", "everyone", .badRequest), ("hw_x", 1, .badRequest),
            ] {
                let reply = try await cloud.glance(.post, "/images", token: admin, json: [field: value])
                #expect(reply.status == status, "\(field): \(String(describing: reply.json))")
            }
            #expect(try await cloud.glance(.post, "/images", token: admin, json: ["a", "b"]).status == .badRequest)
        }
    }
}
