import Foundation
import HTTPTypes
import StratusCore
import StratusOpenStack
import Testing

@Suite("Image v2 over HTTP: list filters, sorting, pages")
struct ImageListHTTPTests {
    func ids(_ reply: Reply) -> [String] {
        reply.json?["images"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
    }

    @Test func pagesFollowNextLinksAsGlanceWritesThem() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            var created: [String] = []
            for number in 0..<7 {
                created.append(try await cloud.createImage(token: admin, ["name": .string("img-\(number)"), "tags": ["paged"]]))
            }
            let first = try await cloud.glance(.get, "/images?tag=paged&limit=3&sort=name:asc", token: admin)
            #expect(first.json?["first"] == "/v2/images?tag=paged&limit=3&sort=name:asc")
            #expect(first.json?["schema"] == "/v2/schemas/images")
            var seen = ids(first)
            var next = first.json?["next"]?.stringValue
            while let link = next {
                #expect(link.hasPrefix("/v2/images?tag=paged&limit=3&sort=name:asc&marker="))
                let page = try await cloud.glance(.get, String(link.dropFirst(3)), token: admin)
                seen += ids(page)
                next = page.json?["next"]?.stringValue
            }
            #expect(seen == created, "every image once, by name")
            #expect(try await cloud.glance(.get, "/images?marker=nope", token: admin).status == .badRequest)
            #expect(try await cloud.glance(.get, "/images?limit=-1", token: admin).status == .badRequest)
            #expect(try await cloud.glance(.get, "/images?limit=x", token: admin).status == .badRequest)
        }
    }

    @Test func sortingSyntaxes() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let small = try await cloud.createImage(token: admin, ["name": "small", "tags": ["s"]])
            let large = try await cloud.createImage(token: admin, ["name": "large", "tags": ["s"]])
            _ = try await cloud.upload(small, token: admin, [1])
            _ = try await cloud.upload(large, token: admin, [1, 2, 3])
            #expect(ids(try await cloud.glance(.get, "/images?tag=s&sort=size:desc", token: admin)) == [large, small])
            #expect(ids(try await cloud.glance(.get, "/images?tag=s&sort_key=size&sort_dir=asc", token: admin)) == [small, large])
            #expect(ids(try await cloud.glance(.get, "/images?tag=s&sort_key=name", token: admin)) == [small, large],
                    "descending when no direction is given")
            for bad in ["sort=size&sort_key=name", "sort_key=colour", "sort_key=name&sort_dir=up",
                        "sort_key=name&sort_key=size&sort_dir=asc&sort_dir=desc&sort_dir=asc"] {
                #expect(try await cloud.glance(.get, "/images?\(bad)", token: admin).status == .badRequest, "\(bad)")
            }
        }
    }

    @Test func filters() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let (_, demo) = try await cloud.makeUser("kim", role: "member", project: "demo", adminToken: admin)
            let web = try await cloud.createImage(token: admin, ["name": "web", "os_distro": "debian", "tags": ["a", "b"]])
            let db = try await cloud.createImage(token: admin, ["name": "db", "disk_format": "qcow2", "tags": ["a"],
                                                                 "owner": .string(demo)])
            let hidden = try await cloud.createImage(token: admin, ["name": "old", "os_hidden": true])
            let community = try await cloud.createImage(token: admin, ["name": "shared-with-all", "visibility": "community"])
            let test = try #require(cloud.cloud.testImageID)
            func list(_ query: String) async throws -> Set<String> {
                Set(ids(try await cloud.glance(.get, "/images\(query)", token: admin)))
            }
            #expect(try await list("") == [web, db, community, test], "hidden ones left out; admin owns the community one")
            #expect(try await list("?os_hidden=true") == [hidden])
            #expect(try await list("?name=web") == [web])
            #expect(try await list("?tag=a&tag=b") == [web])
            #expect(try await list("?os_distro=debian") == [web])
            #expect(try await list("?disk_format=qcow2") == [db])
            #expect(try await list("?owner=\(demo)") == [db])
            #expect(try await list("?status=active") == [test])
            #expect(try await list("?visibility=public") == [test])
            #expect(try await list("?visibility=community") == [community])
            #expect(try await list("?visibility=all&os_hidden=true") == [hidden])
            #expect(try await list("?size_min=1") == [test])
            #expect(try await list("?status=sleeping") == [], "Glance compares any status given, finding nothing")
            for bad in ["visibility=everyone", "member_status=maybe", "os_hidden=perhaps", "size_min=x"] {
                #expect(try await cloud.glance(.get, "/images?\(bad)", token: admin).status == .badRequest, "\(bad)")
            }
        }
    }
}
