import HTTPTypes
import StratusOpenStack
import Testing

@Suite("Compute v2.1 over HTTP: versions and microversion negotiation")
struct ComputeVersionHTTPTests {
    static let apiVersion = HTTPField.Name("OpenStack-API-Version")!
    static let legacyVersion = HTTPField.Name("X-OpenStack-Nova-API-Version")!

    @Test func legacyV2ServesTheBaseAPIWithoutMicroversions() async throws {
        try await TestCloud.run { cloud in
            let token = try await cloud.token()
            let document = try await cloud.send(.get, "/compute/v2")
            #expect(document.json?["version"]?["id"] == "v2.0")
            let flavors = try await cloud.send(
                .get, "/compute/v2/flavors", token: token, headers: [Self.legacyVersion: "2.60"])
            #expect(flavors.status == .ok)
            #expect(flavors.headers[Self.legacyVersion] == nil)
            #expect(flavors.json?["flavors"]?.arrayValue?.isEmpty == false)
            let missing = try await cloud.send(.get, "/compute/v2/servers/nope", token: token)
            #expect(missing.status == .notFound)
            #expect(missing.json?["itemNotFound"] != nil)
        }
    }

    @Test func rootListsV21WithItsRange() async throws {
        try await TestCloud.run { cloud in
            let reply = try await cloud.send(.get, "/compute")
            #expect(reply.status == .ok)
            let versions = try #require(reply.json?["versions"]?.arrayValue)
            // Nova lists its deprecated v2.0 first (tempest's test_list_api_versions checks the order).
            #expect(versions.first?["id"] == "v2.0")
            #expect(versions.first?["status"] == "DEPRECATED")
            let version = try #require(versions.last)
            #expect(versions.count == 2)
            #expect(version["id"] == "v2.1")
            #expect(version["min_version"] == "2.1")
            #expect(version["version"] == .string(ComputeAPIVersions.maximum.description))
            // Every change up to 2.80 is implemented (docs/compute-microversions.md).
            #expect(version["version"] == "2.80")
        }
    }

    @Test func versionDocumentEchoesTheNegotiatedVersion() async throws {
        try await TestCloud.run { cloud in
            let reply = try await cloud.send(.get, "/compute/v2.1/")
            #expect(reply.status == .ok)
            #expect(reply.json?["version"]?["media-types"]?.arrayValue?.first?["type"]
                == "application/vnd.openstack.compute+json;version=2.1")
            #expect(reply.headers[Self.apiVersion] == "compute 2.1")
            #expect(reply.headers[Self.legacyVersion] == "2.1")
            #expect(reply.headers[values: .vary] == ["OpenStack-API-Version", "X-OpenStack-Nova-API-Version"])
        }
    }

    @Test(arguments: [
        (HTTPFields([HTTPField(name: apiVersion, value: "compute latest")]), "2.80"),
        (HTTPFields([HTTPField(name: legacyVersion, value: "2.1")]), "2.1"),
        (HTTPFields([HTTPField(name: legacyVersion, value: "2.80")]), "2.80"),
        (HTTPFields([HTTPField(name: apiVersion, value: "compute 2.47")]), "2.47"),
        (HTTPFields([HTTPField(name: apiVersion, value: "volume 3.0")]), "2.1"),
    ])
    func acceptedVersionHeaders(headers: HTTPFields, expected: String) async throws {
        try await TestCloud.run { cloud in
            let reply = try await cloud.send(.get, "/compute/v2.1", headers: headers)
            #expect(reply.status == .ok)
            #expect(reply.headers[Self.legacyVersion] == expected)
        }
    }

    @Test func unsupportedVersionIs406InNovaFormat() async throws {
        try await TestCloud.run { cloud in
            let reply = try await cloud.send(.get, "/compute/v2.1",
                                             headers: [Self.apiVersion: "compute 2.999"])
            #expect(reply.status == .notAcceptable)
            #expect(reply.json?["computeFault"]?["message"]
                == .string("Version 2.999 is not supported by the API. Minimum is 2.1 and maximum is \(ComputeAPIVersions.maximum)."))
            #expect(reply.headers[Self.apiVersion] == "compute 2.999")
        }
    }

    @Test func oneAboveTheMaximumIs406() async throws {
        try await TestCloud.run { cloud in
            let reply = try await cloud.send(.get, "/compute/v2.1", headers: [Self.apiVersion: "compute 2.81"])
            #expect(reply.status == .notAcceptable)
            #expect(reply.json?["computeFault"]?["message"]
                == "Version 2.81 is not supported by the API. Minimum is 2.1 and maximum is 2.80.")
        }
    }

    @Test func malformedVersionIs400() async throws {
        try await TestCloud.run { cloud in
            let reply = try await cloud.send(.get, "/compute/v2.1", headers: [Self.legacyVersion: "2.x"])
            #expect(reply.status == .badRequest)
            #expect(reply.json?["badRequest"]?["code"] == 400)
        }
    }
}
