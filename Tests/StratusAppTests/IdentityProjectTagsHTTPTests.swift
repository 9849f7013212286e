import StratusOpenStack
import Testing

@Suite("Identity v3 over HTTP: project tags")
struct IdentityProjectTagsHTTPTests {
    @Test func tagLifecycle() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let created = try await cloud.send(.post, "/identity/v3/projects", token: admin,
                                               json: ["project": ["name": "tagged"]])
            let id = try #require(created.json?["project"]?["id"]?.stringValue)
            let base = "/identity/v3/projects/\(id)/tags"
            #expect(try await cloud.send(.put, base + "/one", token: admin).status == .created)
            #expect(try await cloud.send(.head, base + "/one", token: admin).status == .noContent)
            let replaced = try await cloud.send(.put, base, token: admin, json: ["tags": ["a", "b", "c"]])
            #expect(replaced.json?["tags"] == ["a", "b", "c"])
            #expect(try await cloud.send(.get, base + "/one", token: admin).status == .notFound)
            #expect(try await cloud.send(.delete, base + "/a", token: admin).status == .noContent)
            #expect(try await cloud.send(.delete, base + "/a", token: admin).status == .notFound)
            #expect(try await cloud.send(.get, base, token: admin).json?["tags"] == ["b", "c"])
            #expect(try await cloud.send(.delete, base, token: admin).status == .noContent)
            #expect(try await cloud.send(.get, base, token: admin).json?["tags"] == [])
        }
    }

    @Test func invalidTagsAreRejectedAndNothingChanges() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let created = try await cloud.send(.post, "/identity/v3/projects", token: admin,
                                               json: ["project": ["name": "strict", "tags": ["keep"]]])
            let id = try #require(created.json?["project"]?["id"]?.stringValue)
            let base = "/identity/v3/projects/\(id)/tags"
            #expect(try await cloud.send(.put, base, token: admin, json: ["tags": ["x,y"]]).status == .badRequest)
            #expect(try await cloud.send(.put, base, token: admin, json: ["tags": ["d", "d"]]).status == .badRequest)
            #expect(try await cloud.send(.get, base, token: admin).json?["tags"] == ["keep"])
        }
    }
}
