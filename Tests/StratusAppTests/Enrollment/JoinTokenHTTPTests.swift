import Foundation
import HTTPTypes
import StratusAgent
import StratusApp
import StratusCore
import StratusOpenStack
import Testing

@Suite("Compute v2.1 over HTTP: os-stratus-join-tokens and revocation by os-services delete")
struct JoinTokenHTTPTests {
    static let path = "/compute/v2.1/os-stratus-join-tokens"

    @Test func anAdministratorCreatesListsAndDeletesTokensAndSeesTheSecretOnce() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let created = try await cloud.send(
                .post, Self.path, token: admin, json: ["join_token": ["ttl_seconds": 600, "description": "rack 4"]])
            #expect(created.status == .created)
            let body = try #require(created.json?["join_token"])
            let text = try #require(body["token"]?.stringValue)
            let id = try #require(body["id"]?.stringValue)
            #expect(try JoinTokenString(parsing: text).id == id)
            #expect(body["status"] == "unused")
            #expect(body["description"] == "rack 4")
            #expect(body["used_at"] == .null)

            let defaulted = try await cloud.send(.post, Self.path, token: admin, json: ["join_token": [:]])
            #expect(defaulted.status == .created)

            let listed = try await cloud.send(.get, Self.path, token: admin)
            #expect(listed.status == .ok)
            let tokens = try #require(listed.json?["join_tokens"]?.arrayValue)
            #expect(tokens.count == 2)
            #expect(tokens.allSatisfy { $0["token"] == nil && $0["secret_hash"] == nil })
            let secret = try JoinTokenString(parsing: text).secret
            let raw = String(decoding: try JSONEncoder().encode(listed.json), as: UTF8.self)
            #expect(!raw.contains(secret) && !raw.contains(JoinTokenString.hash(secret)))

            _ = try await cloud.cloud.enrollment.enroll(
                token: text, hostName: "remote-1", csrPEM: try HostCertificateSigningRequest.make(hostName: "remote-1").csrPEM)
            let after = try await cloud.send(.get, Self.path, token: admin)
            let used = try #require(after.json?["join_tokens"]?.arrayValue?.first { $0["id"]?.stringValue == id })
            #expect(used["status"] == "used")
            #expect(used["used_by_host"] == "remote-1")

            #expect(try await cloud.send(.delete, Self.path + "/\(id)", token: admin).status == .noContent)
            let again = try await cloud.send(.delete, Self.path + "/\(id)", token: admin)
            #expect(again.status == .notFound)
            #expect(again.json?["itemNotFound"] != nil)
        }
    }

    @Test(arguments: [
        ["join_token": ["ttl_seconds": 0]],
        ["join_token": ["ttl_seconds": 604_801]],
        ["join_token": ["ttl_seconds": "3600"]],
        ["join_token": ["ttl_seconds": .double(1.5)]],
        ["join_token": ["ttl_seconds": .null]],
        ["join_token": ["description": 7]],
        ["join_token": ["description": .string(String(repeating: "x", count: 256))]],
        ["join_token": ["secret": "mine"]],
        ["join_token": "x"],
        ["ttl_seconds": 60],
        ["join_token": [:], "extra": 1],
    ] as [JSONValue])
    func badInputIsNovasBadRequestAndMakesNothing(_ body: JSONValue) async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let reply = try await cloud.send(.post, Self.path, token: admin, json: body)
            #expect(reply.status == .badRequest)
            #expect(reply.json?["badRequest"]?["message"]?.stringValue?.isEmpty == false)
            #expect(try await cloud.send(.get, Self.path, token: admin).json?["join_tokens"]?.arrayValue == [])
        }
    }

    @Test func aProjectsMembersAndAdminsAreRefused() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            _ = try await cloud.makeUser("ned", role: "member", project: "demo", adminToken: admin)
            _ = try await cloud.makeUser("ada", role: "admin", project: "demo", adminToken: admin)
            let created = try await cloud.send(.post, Self.path, token: admin, json: ["join_token": [:]])
            let id = try #require(created.json?["join_token"]?["id"]?.stringValue)
            for user in ["ned", "ada"] {
                let token = try await cloud.token(user: user, password: "pw-\(user)", project: "demo")
                let post = try await cloud.send(.post, Self.path, token: token, json: ["join_token": [:]])
                #expect(post.status == .forbidden)
                #expect(post.json?["forbidden"]?["message"]?.stringValue?.contains("os-stratus-join-tokens:create") == true)
                #expect(try await cloud.send(.get, Self.path, token: token).status == .forbidden)
                #expect(try await cloud.send(.delete, Self.path + "/\(id)", token: token).status == .forbidden)
            }
            #expect(try await cloud.send(.get, Self.path, token: admin).json?["join_tokens"]?.arrayValue?.count == 1)
            #expect(try await cloud.send(.get, Self.path).status == .unauthorized)
        }
    }

    @Test func stratusAdminJoinTokenWorksOnTheServingCloudsDataDirectory() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let operatorSide = try JoinTokenAdministration(dataDirectory: cloud.cloud.configuration.dataDirectory)
            let (token, text) = try await operatorSide.create(ttl: 120, description: "from the CLI")
            #expect(token.expiresAt.timeIntervalSince(token.createdAt) == 120)
            let listed = try await cloud.send(.get, Self.path, token: admin).json?["join_tokens"]?.arrayValue ?? []
            #expect(listed.map { $0["id"]?.stringValue } == [token.id])
            _ = try await cloud.cloud.enrollment.enroll(
                token: text, hostName: "cli-host", csrPEM: try HostCertificateSigningRequest.make(hostName: "cli-host").csrPEM)
            #expect(try await operatorSide.list().first?.usedByHostName == "cli-host")
            await #expect(throws: ComputeError.self) { try await operatorSide.create(ttl: 0, description: nil) }
            try await operatorSide.delete(id: token.id)
            #expect(try await operatorSide.list().isEmpty)
        }
    }

    @Test func deletingTheComputeServiceRevokesTheHostsCertificate() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            var host = try #require(SimulatedHosts.make(count: 1).first)
            host.lastHeartbeat = Date().addingTimeInterval(-600)  // down: it may be deleted
            try await cloud.cloud.compute.registerHost(host)
            let created = try await cloud.send(.post, Self.path, token: admin, json: ["join_token": [:]])
            let text = try #require(created.json?["join_token"]?["token"]?.stringValue)
            let enrolled = try await cloud.cloud.enrollment.enroll(
                token: text, hostName: host.name, csrPEM: try HostCertificateSigningRequest.make(hostName: host.name).csrPEM)
            try await cloud.cloud.enrollment.authorize(hostName: host.name, serial: enrolled.serial)

            #expect(try await cloud.send(.delete, "/compute/v2.1/os-services/1", token: admin).status == .noContent)
            await #expect(throws: HostEnrollmentError.hostRevoked) {
                try await cloud.cloud.enrollment.authorize(hostName: host.name, serial: enrolled.serial)
            }
        }
    }
}
