import Foundation
import HTTPTypes
import StratusCore
import StratusOpenStack
import Testing

/// os-quota-sets: the network quotas until 2.36, the injected-file ones until 2.57.
@Suite("Compute microversions: quota sets")
struct QuotaVersionTests {
    @Test func settableQuotasShrinkWithTheVersion() async throws {
        try await MicroversionCloud.run { cloud in
            let project = try #require(try await cloud.cloud.send(.get, "/identity/v3/projects?name=demo", token: cloud.admin)
                .json?["projects"]?.arrayValue?.first?["id"]?.stringValue)
            let path = "/os-quota-sets/\(project)"
            let old = try await cloud.send(.put, path, token: cloud.admin, at: "2.35", json: ["quota_set": ["floating_ips": 7]])
            #expect(old.json?["quota_set"]?["floating_ips"] == 7)
            #expect(try await cloud.send(.get, path, token: cloud.admin, at: "2.35").json?["quota_set"]?["floating_ips"] == 7)
            #expect(try await cloud.send(.get, path, token: cloud.admin, at: "2.35").json?["quota_set"]?["fixed_ips"] == -1)
            let refused = try await cloud.send(.put, path, token: cloud.admin, at: "2.36", json: ["quota_set": ["floating_ips": 7]])
            #expect(refused.status == .badRequest)
            #expect(try await cloud.send(.get, path, token: cloud.admin, at: "2.36").json?["quota_set"]?["floating_ips"] == nil)
            #expect(try await cloud.send(.put, path, token: cloud.admin, at: "2.56", json: ["quota_set": ["injected_files": 3]]).status == .ok)
            #expect(try await cloud.send(.put, path, token: cloud.admin, at: "2.57", json: ["quota_set": ["injected_files": 3]]).status == .badRequest)
            let at257 = try await cloud.send(.get, path, token: cloud.admin, at: "2.57")
            #expect(at257.json?["quota_set"]?["injected_files"] == nil)
            #expect(at257.json?["quota_set"]?["instances"] == 10)
            let limits = try await cloud.send(.get, "/limits", at: "2.57")
            #expect(limits.json?["limits"]?["absolute"]?["maxPersonality"] == nil)
        }
    }

    @Test func limitsFollowTheQuotasAndTheVersion() async throws {
        try await MicroversionCloud.run { cloud in
            _ = try await cloud.send(.post, "/os-server-groups", at: "2.64", json: ["server_group": ["name": "g", "policy": "affinity"]])
            let old = try await cloud.send(.get, "/limits", at: "2.1")
            let absolute = try #require(old.json?["limits"]?["absolute"]?.objectValue)
            #expect(absolute["maxImageMeta"] == 128)
            #expect(absolute["maxTotalFloatingIps"] == -1)
            #expect(absolute["maxPersonality"] == 5)
            #expect(absolute["totalServerGroupsUsed"] == 1)
            let at236 = try #require(try await cloud.send(.get, "/limits", at: "2.36").json?["limits"]?["absolute"]?.objectValue)
            #expect(at236["maxTotalFloatingIps"] == nil)
            #expect(at236["maxImageMeta"] == 128)
            let at239 = try #require(try await cloud.send(.get, "/limits", at: "2.39").json?["limits"]?["absolute"]?.objectValue)
            #expect(at239["maxImageMeta"] == nil)
            #expect(at239["maxPersonalitySize"] == 10240)
        }
    }

    @Test func serverGroupRulesFromTwoSixtyFour() async throws {
        try await MicroversionCloud.run { cloud in
            let rules = try await cloud.send(.post, "/os-server-groups", at: "2.64", json: [
                "server_group": ["name": "g", "policy": "affinity", "rules": ["max_server_per_host": 2]],
            ])
            #expect(rules.json?["badRequest"]?["message"] == "Only anti-affinity policy supports rules.")
            let unknown = try await cloud.send(.post, "/os-server-groups", at: "2.64", json: [
                "server_group": ["name": "g", "policy": "anti-affinity", "rules": ["max": 2]],
            ])
            #expect(unknown.status == .badRequest)
            let old = try await cloud.send(.post, "/os-server-groups", at: "2.63", json: [
                "server_group": ["name": "g", "policy": "anti-affinity"],
            ])
            #expect(old.status == .badRequest, "policy arrives at 2.64")
            let made = try await cloud.send(.post, "/os-server-groups", at: "2.64", json: [
                "server_group": ["name": "g", "policy": "anti-affinity", "rules": ["max_server_per_host": 2]],
            ])
            #expect(made.json?["server_group"]?["rules"] == ["max_server_per_host": 2])
            #expect(made.json?["server_group"]?["policies"] == nil)
        }
    }
}
