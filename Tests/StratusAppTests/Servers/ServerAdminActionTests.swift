import Foundation
import HTTPTypes
import StratusCore
import StratusOpenStack
import Testing

/// `os-resetState` and `restore`, as tempest's admin and negative tests use them.
@Suite("Server admin actions over HTTP")
struct ServerAdminActionTests {
    static func action(_ cloud: TestCloud, _ token: String, _ id: String, _ body: JSONValue) async throws -> Reply {
        try await cloud.send(.post, "/compute/v2.1/servers/\(id)/action", token: token, json: body)
    }

    static func show(_ cloud: TestCloud, _ token: String, _ id: String) async throws -> JSONValue? {
        try await cloud.send(.get, "/compute/v2.1/servers/\(id)", token: token).json?["server"]
    }

    @Test func resetStateIsForAdministratorsAndSetsTheState() async throws {
        try await ServersHTTPTests.run { cloud, converge, demo, admin in
            let id = try await ServersHTTPTests.create(cloud, demo)
            try await converge()
            let refused = try await Self.action(cloud, demo, id, ["os-resetState": ["state": "error"]])
            #expect(refused.status == .forbidden)
            let bad = try await Self.action(cloud, admin, id, ["os-resetState": ["state": "shelved"]])
            #expect(bad.status == .badRequest)
            let missing = try await Self.action(cloud, admin, "no-such-server", ["os-resetState": ["state": "error"]])
            #expect(missing.status == .notFound)

            #expect(try await Self.action(cloud, admin, id, ["os-resetState": ["state": "error"]]).status == .accepted)
            #expect(try await Self.show(cloud, demo, id)?["status"] == "ERROR")
            try await converge()
            #expect(try await Self.show(cloud, demo, id)?["status"] == "ERROR")
            // A server in ERROR can be deleted (tempest's delete-while-in-error test).
            #expect(try await cloud.send(.delete, "/compute/v2.1/servers/\(id)", token: demo).status == .noContent)
            try await converge()
            #expect(try await cloud.send(.get, "/compute/v2.1/servers/\(id)", token: demo).status == .notFound)
        }
    }

    @Test func resetToActiveDropsTheTaskAndTheHostReportsWhatItHas() async throws {
        try await ServersHTTPTests.run { cloud, converge, demo, admin in
            let id = try await ServersHTTPTests.create(cloud, demo)
            try await converge()
            #expect(try await Self.action(cloud, demo, id, ["os-stop": .null]).status == .accepted)
            // Reset before the host acted: the stop is forgotten, the server stays ACTIVE.
            #expect(try await Self.action(cloud, admin, id, ["os-resetState": ["state": "active"]]).status == .accepted)
            let reset = try await Self.show(cloud, demo, id)
            #expect(reset?["status"] == "ACTIVE" && reset?["OS-EXT-STS:task_state"] == .null)
            try await converge()
            #expect(try await Self.show(cloud, demo, id)?["status"] == "ACTIVE")
        }
    }

    @Test func restoreOfAServerThatIsNotSoftDeletedIsAConflict() async throws {
        try await ServersHTTPTests.run { cloud, converge, demo, _ in
            let id = try await ServersHTTPTests.create(cloud, demo)
            try await converge()
            let reply = try await Self.action(cloud, demo, id, ["restore": .null])
            #expect(reply.status == .conflict)
            #expect(reply.json?["conflictingRequest"]?["message"]?.stringValue?.contains("restore") == true)
        }
    }
}
