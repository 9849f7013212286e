import Foundation
import StratusCore
import StratusOpenStack
import Testing

@Suite("Compute v2.1 over HTTP: quotas and limits")
struct QuotasHTTPTests {
    @Test func adminsSetLimitsThatCreatesMeet() async throws {
        try await ServersHTTPTests.run { cloud, _, demo, admin in
            let projects = try await cloud.send(.get, "/identity/v3/projects?name=demo", token: admin)
            let project = try #require(projects.json?["projects"]?.arrayValue?.first?["id"]?.stringValue)
            let path = "/compute/v2.1/os-quota-sets/\(project)"

            let shown = try await cloud.send(.get, path, token: demo)
            #expect(shown.json?["quota_set"]?["instances"] == 10)
            #expect(shown.json?["quota_set"]?["id"] == .string(project))
            #expect(shown.json?["quota_set"]?["security_groups"] != nil, "2.1 still lists network quotas")
            #expect(try await cloud.send(.put, path, token: demo, json: ["quota_set": ["instances": 50]]).status == .forbidden)
            #expect(try await cloud.send(.get, "/compute/v2.1/os-quota-sets/someone-else", token: demo).status == .forbidden)

            let bogus = try await cloud.send(.put, path, token: admin, json: ["quota_set": ["wings": 2]])
            #expect(bogus.status == .badRequest)
            let negative = try await cloud.send(.put, path, token: admin, json: ["quota_set": ["instances": -2]])
            #expect(negative.status == .badRequest)
            #expect(try await cloud.send(.get, path, token: demo).json?["quota_set"]?["instances"] == 10, "refusals change nothing")

            let updated = try await cloud.send(.put, path, token: admin, json: ["quota_set": ["instances": 1, "key_pairs": 1]])
            #expect(updated.json?["quota_set"]?["instances"] == 1)
            #expect(updated.json?["quota_set"]?["id"] == nil)

            _ = try await ServersHTTPTests.create(cloud, demo, name: "one")
            let second = try await cloud.send(.post, "/compute/v2.1/servers", token: demo, json: [
                "server": ["name": "two", "imageRef": .string(ServerWorld.imageID), "flavorRef": "1"],
            ])
            #expect(second.json == ["forbidden": ["code": 403, "message": "Quota exceeded for instances: Requested 1, but already used 1 of 1 instances"]])
            let below = try await cloud.send(.put, path, token: admin, json: ["quota_set": ["instances": 0]])
            #expect(below.status == .badRequest)

            let limits = try await cloud.send(.get, "/compute/v2.1/limits", token: demo).json?["limits"]?["absolute"]
            #expect(limits?["maxTotalInstances"] == 1)
            #expect(limits?["totalInstancesUsed"] == 1)
            #expect(limits?["totalCoresUsed"] == 1)
            #expect(limits?["totalRAMUsed"] == 512)
            let detail = try await cloud.send(.get, path + "/detail", token: demo).json?["quota_set"]
            #expect(detail?["instances"] == ["limit": 1, "in_use": 1, "reserved": 0])

            #expect(try await cloud.send(.post, "/compute/v2.1/os-keypairs", token: demo, json: ["keypair": ["name": "a"]]).status == .ok)
            let keypair = try await cloud.send(.post, "/compute/v2.1/os-keypairs", token: demo, json: ["keypair": ["name": "b"]])
            #expect(keypair.json == ["forbidden": ["code": 403, "message": "Quota exceeded, too many key pairs."]])

            #expect(try await cloud.send(.delete, path, token: admin).status == .accepted)
            #expect(try await cloud.send(.get, path, token: demo).json?["quota_set"]?["instances"] == 10)
            #expect(try await cloud.send(.get, path + "/defaults", token: demo).json?["quota_set"]?["cores"] == 20)
        }
    }
}
