import Foundation
import HTTPTypes
import StratusOpenStack
import Testing

/// Nova's image proxy (`/compute/v2.1/images…`), 2.1–2.35, over the image service.
@Suite("Compute image proxy over HTTP")
struct ComputeImagesHTTPTests {
    static func at(_ version: String) -> HTTPFields {
        [HTTPField.Name("OpenStack-API-Version")!: "compute \(version)"]
    }

    func nova(
        _ cloud: TestCloud, _ method: HTTPRequest.Method, _ path: String, token: String, at version: String = "2.1",
        json: JSONValue? = nil
    ) async throws -> Reply {
        try await cloud.send(method, "/compute/v2.1" + path, token: token, json: json, headers: Self.at(version))
    }

    @Test func listDetailAndShowInNovasShapes() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let id = try await cloud.createImage(token: admin, [
                "name": "snap", "min_ram": 512, "min_disk": 1, "os_distro": "cirros",
                "instance_uuid": "5f2a0c0e-0000-4000-8000-000000000001", "auto_disk_config": "true",
            ])
            let list = try await nova(cloud, .get, "/images", token: admin)
            #expect(list.status == .ok)
            let summary = try #require(list.json?["images"]?.arrayValue?.first { $0["id"]?.stringValue == id })
            #expect(summary.objectValue.map { Set($0.keys) } == ["id", "name", "links"])
            let links = try #require(summary["links"]?.arrayValue)
            #expect(links.map { $0["rel"]?.stringValue } == ["self", "bookmark", "alternate"])
            #expect(links[2]["href"]?.stringValue?.hasSuffix("/image/images/\(id)") == true)
            #expect(links[2]["type"] == "application/vnd.openstack.image")
            #expect(list.json?["images_links"] == nil)

            let shown = try await nova(cloud, .get, "/images/\(id)", token: admin)
            let image = try #require(shown.json?["image"])
            #expect(image["status"] == "SAVING")
            #expect(image["progress"] == 25)
            #expect(image["minRam"] == 512)
            #expect(image["minDisk"] == 1)
            #expect(image["OS-EXT-IMG-SIZE:size"] == .null)
            #expect(image["OS-DCF:diskConfig"] == "AUTO")
            #expect(image["metadata"]?["os_distro"] == "cirros")
            #expect(image["server"]?["id"] == "5f2a0c0e-0000-4000-8000-000000000001")
            #expect(image["server"]?["links"]?.arrayValue?.first?["href"]?.stringValue?
                .hasSuffix("/compute/v2.1/servers/5f2a0c0e-0000-4000-8000-000000000001") == true)
            let created = try #require(image["created"]?.stringValue)
            #expect(created.count == 20 && created.hasSuffix("Z"))

            #expect(try await cloud.upload(id, token: admin, [1, 2, 3, 4]).status == .noContent)
            let active = try await nova(cloud, .get, "/images/detail", token: admin)
            let detailed = try #require(active.json?["images"]?.arrayValue?.first { $0["id"]?.stringValue == id })
            #expect(detailed["status"] == "ACTIVE")
            #expect(detailed["progress"] == 100)
            #expect(detailed["OS-EXT-IMG-SIZE:size"] == 4)

            let missing = try await nova(cloud, .get, "/images/00000000-0000-0000-0000-000000000000", token: admin)
            #expect(missing.json == ["itemNotFound": ["code": 404, "message": "Image not found."]])
        }
    }

    @Test func filtersAndPaging() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let server = "5f2a0c0e-0000-4000-8000-000000000002"
            let snapshot = try await cloud.createImage(token: admin, [
                "name": "snap", "instance_uuid": .string(server), "image_type": "snapshot", "min_ram": 256,
            ])
            let plain = try await cloud.createImage(token: admin, ["name": "plain", "min_disk": 3])
            func ids(_ query: String, _ path: String = "/images") async throws -> [String] {
                try await nova(cloud, .get, path + query, token: admin).json?["images"]?.arrayValue?
                    .compactMap { $0["id"]?.stringValue } ?? []
            }
            #expect(try await ids("?name=plain") == [plain])
            #expect(try await ids("?server=\(server)") == [snapshot])
            #expect(try await ids("?server=http://cloud/compute/v2.1/servers/\(server)", "/images/detail") == [snapshot])
            #expect(try await ids("?type=snapshot") == [snapshot])
            #expect(try await ids("?minRam=256") == [snapshot])
            #expect(try await ids("?minDisk=3") == [plain])
            #expect(try await ids("?status=SAVING").isEmpty)
            #expect(Set(try await ids("?status=QUEUED")) == [snapshot, plain])
            #expect(try await ids("?changes-since=2999-01-01T00:00:00Z").isEmpty)
            #expect(try await nova(cloud, .get, "/images?status=nope", token: admin).status == .badRequest)
            #expect(try await nova(cloud, .get, "/images?limit=x", token: admin).status == .badRequest)

            // A full page links to the next, which goes on after it.
            let page = try await nova(cloud, .get, "/images?status=queued&limit=1", token: admin)
            let first = try #require(page.json?["images"]?.arrayValue?.first?["id"]?.stringValue)
            let next = try #require(page.json?["images_links"]?.arrayValue?.first?["href"]?.stringValue)
            #expect(next.hasSuffix("/compute/v2.1/images?limit=1&marker=\(first)&status=queued"))
            let rest = try await ids("?status=queued&limit=5&marker=\(first)")
            #expect(rest.count == 1 && Set(rest + [first]) == [snapshot, plain])
        }
    }

    @Test func goneFrom236() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let id = try #require(cloud.cloud.testImageID)
            for path in ["/images", "/images/detail", "/images/\(id)", "/images/\(id)/metadata"] {
                #expect(try await nova(cloud, .get, path, token: admin, at: "2.35").status == .ok)
                let gone = try await nova(cloud, .get, path, token: admin, at: "2.36")
                #expect(gone.status == .notFound)
                #expect(gone.json?["itemNotFound"]?["code"] == 404)
            }
            #expect(try await nova(cloud, .delete, "/images/\(id)", token: admin, at: "2.36").status == .notFound)
            #expect(try await nova(cloud, .get, "/images/\(id)", token: admin).status == .ok)
        }
    }

    @Test func metadataCRUDAndQuota() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let id = try await cloud.createImage(token: admin, ["os_distro": "cirros"])
            let path = "/images/\(id)/metadata"
            #expect(try await nova(cloud, .get, path, token: admin).json == ["metadata": ["os_distro": "cirros"]])
            let merged = try await nova(cloud, .post, path, token: admin, json: ["metadata": ["a": "1", "os_distro": "x"]])
            #expect(merged.json == ["metadata": ["a": "1", "os_distro": "x"]])
            let replaced = try await nova(cloud, .put, path, token: admin, json: ["metadata": ["b": "2"]])
            #expect(replaced.json == ["metadata": ["b": "2"]])
            #expect(try await cloud.glance(.get, "/images/\(id)", token: admin).json?["os_distro"] == nil)
            let set = try await nova(cloud, .put, "\(path)/c", token: admin, json: ["meta": ["c": "3"]])
            #expect(set.json == ["meta": ["c": "3"]])
            #expect(try await nova(cloud, .get, "\(path)/c", token: admin).json == ["meta": ["c": "3"]])
            #expect(try await nova(cloud, .put, "\(path)/c", token: admin, json: ["meta": ["d": "3"]]).status == .badRequest)
            #expect(try await nova(cloud, .delete, "\(path)/c", token: admin).status == .noContent)
            #expect(try await nova(cloud, .get, "\(path)/c", token: admin).status == .notFound)
            let unknown = try await nova(cloud, .delete, "\(path)/c", token: admin)
            #expect(unknown.json?["itemNotFound"]?["message"] == "Invalid metadata key")
            #expect(try await nova(cloud, .get, path, token: admin).json == ["metadata": ["b": "2"]])

            var many: [String: JSONValue] = [:]
            for index in 0..<129 { many["k\(index)"] = "v" }
            let over = try await nova(cloud, .put, path, token: admin, json: ["metadata": .object(many)])
            #expect(over.json == ["forbidden": ["code": 403, "message": "Image metadata limit exceeded"]])
        }
    }

    @Test func membersSeeOnlyWhatGlanceShowsThem() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            _ = try await cloud.makeUser("kim", role: "member", project: "demo", adminToken: admin)
            let kim = try await cloud.token(user: "kim", password: "pw-kim", project: "demo")
            let secret = try await cloud.createImage(token: admin, ["name": "secret", "visibility": "private"])
            let public_ = try #require(cloud.cloud.testImageID)

            let listed = try await nova(cloud, .get, "/images", token: kim).json?["images"]?.arrayValue?
                .compactMap { $0["id"]?.stringValue } ?? []
            #expect(listed.contains(public_) && !listed.contains(secret))
            let hidden = try await nova(cloud, .get, "/images/\(secret)", token: kim)
            #expect(hidden.json?["itemNotFound"]?["message"] == "Image not found.")
            #expect(try await nova(cloud, .get, "/images/\(secret)/metadata", token: kim).status == .notFound)
            #expect(try await nova(cloud, .delete, "/images/\(secret)", token: kim).status == .notFound)

            let write = try await nova(cloud, .post, "/images/\(public_)/metadata", token: kim, json: ["metadata": ["a": "b"]])
            #expect(write.status == .forbidden)
            let delete = try await nova(cloud, .delete, "/images/\(public_)", token: kim)
            #expect(delete.json == ["forbidden": ["code": 403, "message": "You are not allowed to delete the image."]])
        }
    }

    @Test func deleteThenGone() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let id = try await cloud.createImage(token: admin)
            #expect(try await nova(cloud, .delete, "/images/\(id)", token: admin).status == .noContent)
            #expect(try await nova(cloud, .get, "/images/\(id)", token: admin).status == .notFound)
            #expect(try await nova(cloud, .delete, "/images/\(id)", token: admin).status == .notFound)
            let listed = try await nova(cloud, .get, "/images/detail", token: admin).json?["images"]?.arrayValue ?? []
            #expect(!listed.contains { $0["id"]?.stringValue == id })
        }
    }
}
