import HTTPTypes
import StratusOpenStack
import Testing

@Suite("Compute v2.1 over HTTP: flavors")
struct ComputeFlavorHTTPTests {
    @Test func freshCloudHasDevstackFlavorsInNovaShape() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let list = try await cloud.send(.get, "/compute/v2.1/flavors/detail", token: admin)
            #expect(list.status == .ok)
            let ids = list.json?["flavors"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
            #expect(ids == ["1", "2", "3", "4", "42", "5", "84"])
            let tiny = try await cloud.send(.get, "/compute/v2.1/flavors/1", token: admin)
            #expect(tiny.json?["flavor"]?["name"] == "m1.tiny")
            #expect(tiny.json?["flavor"]?["ram"] == 512)
            #expect(tiny.json?["flavor"]?["swap"] == "")
            #expect(tiny.json?["flavor"]?["links"]?.arrayValue?.first?["href"]?.stringValue?
                .hasSuffix("/compute/v2.1/flavors/1") == true)
            #expect(tiny.headers[HTTPField.Name("X-OpenStack-Nova-API-Version")!] == "2.1")
        }
    }

    @Test func missingFlavorIs404InNovaFormat() async throws {
        try await TestCloud.run { cloud in
            let reply = try await cloud.send(.get, "/compute/v2.1/flavors/does-not-exist", token: try await cloud.token())
            #expect(reply.status == .notFound)
            #expect(reply.json?["itemNotFound"]?["message"] == "Flavor does-not-exist could not be found.")
        }
    }

    @Test func noTokenIs401WithoutVersionHeaders() async throws {
        try await TestCloud.run { cloud in
            let reply = try await cloud.send(.get, "/compute/v2.1/flavors")
            #expect(reply.status == .unauthorized)
            #expect(reply.json?["error"]?["code"] == 401)
            #expect(reply.headers[HTTPField.Name("X-OpenStack-Nova-API-Version")!] == nil)
        }
    }

    @Test func filtersAndPagination() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let big = try await cloud.send(.get, "/compute/v2.1/flavors?minRam=4096&minDisk=50", token: admin)
            #expect(big.json?["flavors"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["4", "5"])
            let page = try await cloud.send(.get, "/compute/v2.1/flavors?limit=2", token: admin)
            #expect(page.json?["flavors"]?.arrayValue?.count == 2)
            let next = try #require(page.json?["flavors_links"]?.arrayValue?.first?["href"]?.stringValue)
            #expect(next.hasSuffix("/compute/v2.1/flavors?limit=2&marker=2"))
            let rest = try await cloud.send(.get, "/compute/v2.1/flavors?marker=2", token: admin)
            #expect(rest.json?["flavors"]?.arrayValue?.first?["id"] == "3")
            #expect(try await cloud.send(.get, "/compute/v2.1/flavors?limit=-1", token: admin).status == .badRequest)
            #expect(try await cloud.send(.get, "/compute/v2.1/flavors?marker=nope", token: admin).status == .notFound)
        }
    }

    @Test func privateFlavorIsVisibleOnlyToProjectsGivenAccess() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let (_, projectID) = try await cloud.makeUser("pia", role: "member", project: "demo", adminToken: admin)
            let pia = try await cloud.token(user: "pia", password: "pw-pia", project: "demo")
            let created = try await cloud.send(.post, "/compute/v2.1/flavors", token: admin, json: [
                "flavor": ["name": "secret", "ram": "256", "vcpus": 1, "disk": 1, "os-flavor-access:is_public": false],
            ])
            #expect(created.status == .ok)
            let id = try #require(created.json?["flavor"]?["id"]?.stringValue)
            #expect(try await cloud.send(.get, "/compute/v2.1/flavors/\(id)", token: pia).status == .notFound)
            let grant = try await cloud.send(.post, "/compute/v2.1/flavors/\(id)/action", token: admin,
                                             json: ["addTenantAccess": ["tenant": .string(projectID)]])
            #expect(grant.json?["flavor_access"]?.arrayValue?.first?["tenant_id"] == .string(projectID))
            #expect(try await cloud.send(.get, "/compute/v2.1/flavors/\(id)", token: pia).status == .ok)
            let listed = try await cloud.send(.get, "/compute/v2.1/flavors", token: pia)
            #expect(listed.json?["flavors"]?.arrayValue?.contains { $0["id"] == .string(id) } == true)
        }
    }

    @Test func onlyAdminsChangeTheCatalogAndBadInputChangesNothing() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            _ = try await cloud.makeUser("max", role: "member", project: "demo", adminToken: admin)
            let max = try await cloud.token(user: "max", password: "pw-max", project: "demo")
            let body: JSONValue = ["flavor": ["name": "mine", "ram": 64, "vcpus": 1, "disk": 0]]
            let denied = try await cloud.send(.post, "/compute/v2.1/flavors", token: max, json: body)
            #expect(denied.status == .forbidden)
            #expect(denied.json?["forbidden"]?["code"] == 403)
            #expect(try await cloud.send(.delete, "/compute/v2.1/flavors/1", token: max).status == .forbidden)
            #expect(try await cloud.send(.post, "/compute/v2.1/flavors", token: admin,
                                         json: ["flavor": ["name": "zero", "ram": 0, "vcpus": 1, "disk": 0]]).status == .badRequest)
            #expect(try await cloud.send(.post, "/compute/v2.1/flavors", token: admin,
                                         json: ["flavor": ["name": "m1.tiny", "ram": 1, "vcpus": 1, "disk": 0]]).status == .conflict)
            let all = try await cloud.send(.get, "/compute/v2.1/flavors?is_public=none", token: admin)
            #expect(all.json?["flavors"]?.arrayValue?.count == 7)
            #expect(try await cloud.send(.delete, "/compute/v2.1/flavors/84", token: admin).status == .accepted)
            #expect(try await cloud.send(.get, "/compute/v2.1/flavors/84", token: admin).status == .notFound)
        }
    }

    @Test func extraSpecs() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let base = "/compute/v2.1/flavors/1/os-extra_specs"
            let set = try await cloud.send(.post, base, token: admin, json: ["extra_specs": ["hw_rng:allowed": "True"]])
            #expect(set.json?["extra_specs"]?["hw_rng:allowed"] == "True")
            #expect(try await cloud.send(.get, base + "/hw_rng:allowed", token: admin).json?["hw_rng:allowed"] == "True")
            #expect(try await cloud.send(.put, base + "/a", token: admin, json: ["b": "1"]).status == .badRequest)
            // Nova answers this delete with 200 (tempest checks it).
            #expect(try await cloud.send(.delete, base + "/hw_rng:allowed", token: admin).status == .ok)
            #expect(try await cloud.send(.get, base + "/hw_rng:allowed", token: admin).status == .notFound)
        }
    }
}
