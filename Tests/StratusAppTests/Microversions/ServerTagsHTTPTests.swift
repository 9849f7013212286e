import Foundation
import HTTPTypes
import StratusCore
import StratusOpenStack
import Testing

/// `/servers/{id}/tags` (2.26).
@Suite("Compute microversions: server tags")
struct ServerTagsHTTPTests {
    @Test func tagsAreASetOnSettledServers() async throws {
        try await MicroversionCloud.run { cloud in
            let id = try await cloud.createServer()
            let tags = "/servers/\(id)/tags"
            #expect(try await cloud.send(.get, tags, at: "2.25").status == .notFound, "no tag API before 2.26")
            let building = try await cloud.send(.put, tags + "/web", at: "2.26")
            #expect(building.json?["conflictingRequest"]?["message"]
                == .string("Cannot 'update tag' instance \(id) while it is in vm_state building"))
            try await cloud.converge()

            let added = try await cloud.send(.put, tags + "/web", at: "2.26")
            #expect(added.status == .created)
            #expect(added.headers[.location] == "http://127.0.0.1:5000/compute/v2.1/servers/\(id)/tags/web")
            #expect(try await cloud.send(.put, tags + "/web", at: "2.26").status == .noContent, "already there")
            #expect(try await cloud.send(.get, tags + "/web", at: "2.26").status == .noContent)
            let missing = try await cloud.send(.get, tags + "/db", at: "2.26")
            #expect(missing.json?["itemNotFound"]?["message"] == .string("Server \(id) has no tag 'db'"))
            let comma = try await cloud.send(.put, tags + "/a,b", at: "2.26")
            #expect(comma.json?["badRequest"]?["message"]
                == "Tag 'a,b' is invalid. It must be a non empty string without characters '/' and ','. Validation error message: 'a,b' does not match '^[^,/]*$'")

            let replaced = try await cloud.send(.put, tags, at: "2.26", json: ["tags": ["z", "a", "z"]])
            #expect(replaced.json == ["tags": ["a", "z"]])
            #expect(try await cloud.send(.get, tags, at: "2.26").json == ["tags": ["a", "z"]])
            #expect(try await cloud.show(id, at: "2.26")["tags"] == ["a", "z"])
            #expect(try await cloud.send(.delete, tags + "/a", at: "2.26").status == .noContent)
            let gone = try await cloud.send(.delete, tags + "/a", at: "2.26")
            #expect(gone.json?["itemNotFound"]?["message"] == .string("Instance \(id) has no tag 'a'"))
            #expect(try await cloud.send(.delete, tags, at: "2.26").status == .noContent)
            #expect(try await cloud.send(.get, tags, at: "2.26").json == ["tags": []])

            let fifty = JSONValue.array((0..<50).map { .string("t\($0)") })
            #expect(try await cloud.send(.put, tags, at: "2.26", json: ["tags": fifty]).status == .ok)
            let fiftyFirst = try await cloud.send(.put, tags + "/one-more", at: "2.26")
            #expect(fiftyFirst.json?["badRequest"]?["message"] == "The number of tags exceeded the per-server limit 50")
            #expect(try await cloud.send(.put, tags, at: "2.26", json: ["tags": "x"]).status == .badRequest)
            #expect(try await cloud.send(.put, tags, at: "2.26", json: ["labels": []]).status == .badRequest)

            // Tags need no unlocked server, and readers of another project see nothing.
            _ = try await cloud.makeOther()
            let other = try await cloud.cloud.token(user: "other", password: "pw-other", project: "otherproject")
            #expect(try await cloud.send(.get, tags, token: other, at: "2.26").status == .notFound)
        }
    }
}

extension MicroversionCloud {
    func makeOther() async throws -> (userID: String, projectID: String) {
        try await cloud.makeUser("other", role: "member", project: "otherproject", adminToken: admin)
    }
}
