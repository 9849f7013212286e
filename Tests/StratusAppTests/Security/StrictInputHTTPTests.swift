import Foundation
import HTTPTypes
import StratusAgent
import StratusCore
import StratusOpenStack
import Testing

/// Report 5 of the hardening issue: as strict as Nova, Glance, Keystone and
/// Neutron on input. Each refusal changes nothing.
@Suite("Strict input: content types, unknown fields, control characters")
struct StrictInputHTTPTests {
    static let imageID = "5a7c0e1e-57a7-4000-8000-7e57000000a1"

    @Test("a JSON API answers 415 to a body declared as something else")
    func unsupportedMediaType() async throws {
        try await TestCloud.run { cloud in
            let auth = Array(try JSONEncoder().encode(TestCloud.passwordAuth("admin", TestCloud.adminPassword, "admin")))
            for type in ["text/plain", "application/x-www-form-urlencoded", "application/xml"] {
                let reply = try await cloud.sendRaw(.post, "/identity/v3/auth/tokens", body: auth, contentType: type)
                #expect(reply.status == .unsupportedMediaType, "\(type)")
            }
            let admin = try await cloud.token()
            let flavor = Array(#"{"flavor":{"name":"f","ram":64,"vcpus":1,"disk":1}}"#.utf8)
            let refused = try await cloud.sendRaw(.post, "/compute/v2.1/flavors", token: admin, body: flavor, contentType: "text/plain")
            #expect(refused.status == .unsupportedMediaType)
            // JSON with a charset, and no Content-Type at all (read as JSON, as Nova does), are fine.
            let charset = try await cloud.sendRaw(.post, "/identity/v3/auth/tokens", body: auth,
                                                  contentType: "application/json; charset=UTF-8")
            #expect(charset.status == .created)
            let flavors = try await cloud.send(.get, "/compute/v2.1/flavors?is_public=None", token: admin)
            #expect(flavors.json?["flavors"]?.arrayValue?.contains { $0["name"] == "f" } == false)
        }
    }

    @Test("server actions refuse fields Nova's schema does not allow")
    func unknownActionFields() async throws {
        try await TestCloud.run { cloud in
            for host in SimulatedHosts.make(count: 1) { try await cloud.cloud.compute.registerHost(host) }
            let admin = try await cloud.token()
            let created = try await cloud.send(.post, "/compute/v2.1/servers", token: admin, json: [
                "server": ["name": "vm", "imageRef": .string(Self.imageID), "flavorRef": "1"],
            ])
            let id = try #require(created.json?["server"]?["id"]?.stringValue)
            let bodies: [JSONValue] = [
                ["reboot": ["type": "SOFT", "zz_extra": "x"]],
                ["addSecurityGroup": ["name": "default", "zz_extra": 1]],
                ["os-getConsoleOutput": ["length": 5, "zz_extra": true]],
                ["os-resetState": ["state": "error", "zz_extra": true]],
                ["resize": ["flavorRef": "2", "zz_extra": true]],
                ["noSuchAction": nil],
                ["reboot": ["type": "SOFT"], "os-stop": nil],
            ]
            for body in bodies {
                let reply = try await cloud.send(.post, "/compute/v2.1/servers/\(id)/action", token: admin, json: body)
                #expect(reply.status == .badRequest, "\(body) → \(reply.status)")
            }
            // The one route with an optional body reads it through the same bounds (was a 500).
            let tagged = try await cloud.sendRaw(
                .put, "/compute/v2.1/servers/\(id)/tags/t1", token: admin,
                body: Array("\"\(String(repeating: "B", count: 2 << 20))\"".utf8), contentType: "application/json",
                headers: [HTTPField.Name("OpenStack-API-Version")!: "compute 2.26"])
            #expect(tagged.status == .contentTooLarge)
            let server = try await cloud.send(.get, "/compute/v2.1/servers/\(id)", token: admin)
            #expect(server.json?["server"]?["status"] != "ERROR")
            #expect(server.json?["server"]?["OS-EXT-STS:task_state"] != "rebooting")
        }
    }

    @Test("Nova's bodies allow nothing beside their one top-level key")
    func topLevelSiblings() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let bodies: [(String, JSONValue)] = [
                ("/compute/v2.1/flavors", ["flavor": ["name": "f", "ram": 64, "vcpus": 1, "disk": 1], "zz_extra": 1]),
                ("/compute/v2.1/os-keypairs", ["keypair": ["name": "k"], "zz_extra": 1]),
                ("/compute/v2.1/os-aggregates", ["aggregate": ["name": "a"], "zz_extra": 1]),
                ("/compute/v2.1/os-server-groups", ["server_group": ["name": "g", "policies": ["affinity"]], "zz_extra": 1]),
            ]
            for (path, body) in bodies {
                let reply = try await cloud.send(.post, path, token: admin, json: body)
                #expect(reply.status == .badRequest, "\(path) → \(reply.status)")
            }
            let flavors = try await cloud.send(.get, "/compute/v2.1/flavors?is_public=None", token: admin)
            #expect(flavors.json?["flavors"]?.arrayValue?.contains { $0["name"] == "f" } == false)
        }
    }

    @Test("names with control characters are refused everywhere they are stored")
    func controlCharactersInNames() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let nul = "bad\u{0}name"
            let attempts: [(String, JSONValue)] = [
                ("/identity/v3/projects", ["project": ["name": .string(nul)]]),
                ("/identity/v3/users", ["user": ["name": .string(nul)]]),
                ("/network/v2.0/networks", ["network": ["name": .string(nul)]]),
                ("/network/v2.0/security-groups", ["security_group": ["name": .string(nul)]]),
                ("/volume/v3/volumes", ["volume": ["name": .string(nul), "size": 1]]),
                ("/compute/v2.1/flavors", ["flavor": ["name": .string(nul), "ram": 64, "vcpus": 1, "disk": 1]]),
                ("/image/v2/images", ["name": .string(nul), "disk_format": "raw", "container_format": "bare"]),
            ]
            for (path, body) in attempts {
                let reply = try await cloud.send(.post, path, token: admin, json: body, headers: [.accept: "application/json"])
                #expect(reply.status == .badRequest, "\(path) → \(reply.status)")
            }
            let images = try await cloud.send(.get, "/image/v2/images", token: admin)
            #expect(images.json?["images"]?.arrayValue?.contains { $0["name"] == .string(nul) } == false)
            let networks = try await cloud.send(.get, "/network/v2.0/networks", token: admin)
            #expect(networks.json?["networks"]?.arrayValue?.count == 1)
        }
    }
}
