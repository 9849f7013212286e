import Foundation
import HTTPTypes
import StratusCore
import StratusOpenStack
import Testing

/// Flavors: 2.7 access to public flavors, 2.55 descriptions, 2.61 extra specs.
@Suite("Compute microversions: flavors")
struct FlavorVersionTests {
    static let detailKeys21: Set<String> = [
        "id", "name", "ram", "disk", "swap", "OS-FLV-EXT-DATA:ephemeral", "OS-FLV-DISABLED:disabled", "vcpus",
        "os-flavor-access:is_public", "rxtx_factor", "links",
    ]

    @Test func descriptionFromTwoFiftyFiveAndExtraSpecsFromTwoSixtyOne() async throws {
        try await MicroversionCloud.run { cloud in
            let body: JSONValue = ["flavor": ["name": "described", "ram": 256, "vcpus": 1, "disk": 1, "id": "d1", "description": "small"]]
            #expect(try await cloud.send(.post, "/flavors", token: cloud.admin, at: "2.54", json: body).status == .badRequest)
            let created = try await cloud.send(.post, "/flavors", token: cloud.admin, at: "2.55", json: body)
            #expect(created.json?["flavor"]?["description"] == "small")
            #expect(Set(created.json?["flavor"]?.objectValue?.keys ?? [:].keys) == Self.detailKeys21.union(["description"]))
            let at261 = try await cloud.send(.post, "/flavors", token: cloud.admin, at: "2.61",
                                             json: ["flavor": ["name": "new", "ram": 256, "vcpus": 1, "disk": 1, "id": "n1"]])
            #expect(at261.json?["flavor"]?["extra_specs"] == [:])
            #expect(at261.json?["flavor"]?["description"] == .null)

            _ = try await cloud.send(.post, "/flavors/d1/os-extra_specs", token: cloud.admin, at: "2.61",
                                     json: ["extra_specs": ["hw:cpu_policy": "shared"]])
            let shown = try await cloud.send(.get, "/flavors/d1", at: "2.61")
            #expect(Set(shown.json?["flavor"]?.objectValue?.keys ?? [:].keys) == Self.detailKeys21.union(["description", "extra_specs"]))
            #expect(shown.json?["flavor"]?["extra_specs"] == ["hw:cpu_policy": "shared"])
            #expect(try await cloud.send(.get, "/flavors/d1", at: "2.60").json?["flavor"]?["extra_specs"] == nil)
            #expect(Set(try await cloud.send(.get, "/flavors/d1", at: "2.54").json?["flavor"]?.objectValue?.keys ?? [:].keys) == Self.detailKeys21)
            let brief = try await cloud.send(.get, "/flavors", at: "2.61")
            let first = try #require(brief.json?["flavors"]?.arrayValue?.first?.objectValue)
            #expect(Set(first.keys) == ["id", "name", "links", "description"], "the brief list has descriptions, not specs")
            let detail = try await cloud.send(.get, "/flavors/detail", at: "2.61")
            #expect(detail.json?["flavors"]?.arrayValue?.allSatisfy { $0["extra_specs"] != nil } == true)
        }
    }

    @Test func flavorIDsMayBeNumbersAndPublicFlagsStrings() async throws {
        try await MicroversionCloud.run { cloud in
            let created = try await cloud.send(.post, "/flavors", token: cloud.admin, at: "2.1", json: [
                "flavor": ["name": "numbered", "ram": "256", "vcpus": 1, "disk": 1, "id": 777, "os-flavor-access:is_public": "False"],
            ])
            #expect(created.json?["flavor"]?["id"] == "777")
            #expect(created.json?["flavor"]?["os-flavor-access:is_public"] == false)
            let bad = try await cloud.send(.post, "/flavors", token: cloud.admin, at: "2.1", json: [
                "flavor": ["name": "bad", "ram": 256, "vcpus": 1, "disk": 1, "os-flavor-access:is_public": "maybe"],
            ])
            #expect(bad.status == .badRequest)
        }
    }

    @Test func descriptionsChangeThroughPutFromTwoFiftyFive() async throws {
        try await MicroversionCloud.run { cloud in
            let path = "/flavors/1"
            #expect(try await cloud.send(.put, path, token: cloud.admin, at: "2.54", json: ["flavor": ["description": "x"]]).status == .notFound)
            let updated = try await cloud.send(.put, path, token: cloud.admin, at: "2.55", json: ["flavor": ["description": "tiny one"]])
            #expect(updated.status == .ok)
            #expect(updated.json?["flavor"]?["description"] == "tiny one")
            #expect(try await cloud.send(.get, path, at: "2.55").json?["flavor"]?["description"] == "tiny one")
            #expect(try await cloud.send(.put, path, at: "2.55", json: ["flavor": ["description": "mine"]]).status == .forbidden)
            #expect(try await cloud.send(.put, path, token: cloud.admin, at: "2.55", json: ["flavor": ["name": "x"]]).status == .badRequest)
            #expect(try await cloud.send(.put, path, token: cloud.admin, at: "2.55", json: ["flavor": [:]]).status == .badRequest)
            #expect(try await cloud.send(.put, "/flavors/nope", token: cloud.admin, at: "2.55",
                                         json: ["flavor": ["description": nil]]).status == .notFound)
            let cleared = try await cloud.send(.put, path, token: cloud.admin, at: "2.55", json: ["flavor": ["description": nil]])
            #expect(cleared.json?["flavor"]?["description"] == .null)
            // A server's embedded flavor never carries the description.
            let id = try await cloud.createServer()
            #expect(try await cloud.show(id, at: "2.55")["flavor"]?["description"] == nil)
        }
    }

    @Test func accessToAPublicFlavorIsAConflictFromTwoSeven() async throws {
        try await MicroversionCloud.run { cloud in
            let body: JSONValue = ["addTenantAccess": ["tenant": "someproject"]]
            let new = try await cloud.send(.post, "/flavors/1/action", token: cloud.admin, at: "2.7", json: body)
            #expect(new.json == ["conflictingRequest": ["code": 409, "message": "Can not add access to a public flavor."]])
            let old = try await cloud.send(.post, "/flavors/1/action", token: cloud.admin, at: "2.6", json: body)
            #expect(old.status == .ok)
            #expect(old.json == ["flavor_access": [["flavor_id": "1", "tenant_id": "someproject"]]])
        }
    }
}
