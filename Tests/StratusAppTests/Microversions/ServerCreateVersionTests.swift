import Foundation
import HTTPTypes
import StratusCore
import StratusOpenStack
import Testing

/// `POST /servers` at each microversion that changed its body.
@Suite("Compute microversions: creating servers")
struct ServerCreateVersionTests {
    static func body(_ extra: [String: JSONValue]) -> JSONValue {
        var server: [String: JSONValue] = ["name": "vm", "imageRef": .string(ServerWorld.imageID), "flavorRef": "1"]
        server.merge(extra) { _, new in new }
        return ["server": .object(server)]
    }

    @Test func networksAreRequiredFromTwoThirtySeven() async throws {
        try await MicroversionCloud.run { cloud in
            #expect(try await cloud.send(.post, "/servers", at: "2.36", json: Self.body([:])).status == .accepted)
            let missing = try await cloud.send(.post, "/servers", at: "2.37", json: Self.body([:]))
            #expect(missing.json == ["badRequest": ["code": 400, "message": "Invalid input for field/attribute server. 'networks' is a required property"]])
            for choice: JSONValue in ["none", "auto"] {
                #expect(try await cloud.send(.post, "/servers", at: "2.37", json: Self.body(["networks": choice])).status == .accepted)
            }
            #expect(try await cloud.send(.post, "/servers", at: "2.36", json: Self.body(["networks": "none"])).status == .badRequest,
                    "the enum arrives at 2.37")
            #expect(try await cloud.send(.post, "/servers", at: "2.37", json: Self.body(["networks": "some"])).status == .badRequest)
            // From 2.37 network ids must be UUIDs; before, any id reaches the (absent) network service.
            let notUUID = try await cloud.send(.post, "/servers", at: "2.37", json: Self.body(["networks": [["uuid": "net"]]]))
            #expect(notUUID.json?["badRequest"]?["message"] == "Invalid input for field/attribute uuid. Value: net. 'net' is not a 'uuid'")
            let unknown = try await cloud.send(.post, "/servers", at: "2.36", json: Self.body(["networks": [["uuid": "net"]]]))
            #expect(unknown.json?["badRequest"]?["message"] == "Network net could not be found.")
        }
    }

    @Test func networkTagsFollowTheirBuggyHistory() async throws {
        try await MicroversionCloud.run { cloud in
            let tagged: JSONValue = [["uuid": "6d9ae2c6-8a5a-4bd3-8c4d-3c7e5f1b1d7a", "tag": "nic1"]]
            // Accepted by the schema at 2.32–2.36 and from 2.42 (then refused: no such network).
            for (version, accepted) in [("2.31", false), ("2.32", true), ("2.36", true), ("2.37", false), ("2.41", false), ("2.42", true)] {
                let reply = try await cloud.send(.post, "/servers", at: version, json: Self.body(["networks": tagged]))
                let message = reply.json?["badRequest"]?["message"]?.stringValue ?? ""
                #expect(message.contains("Network ") == accepted, "\(version): \(message)")
                #expect(message.contains("'tag' was unexpected") == !accepted, "\(version): \(message)")
            }
        }
    }

    @Test func tagsAtCreateFromTwoFiftyTwo() async throws {
        try await MicroversionCloud.run { cloud in
            let refused = try await cloud.send(.post, "/servers", at: "2.51", json: Self.body(["networks": "none", "tags": ["a"]]))
            #expect(refused.status == .badRequest)
            let id = try await cloud.createServer(at: "2.52", extra: ["tags": ["web", "db", "web"]])
            #expect(try await cloud.show(id, at: "2.52")["tags"] == ["db", "web"])
            let slash = try await cloud.send(.post, "/servers", at: "2.52", json: Self.body(["networks": "none", "tags": ["a/b"]]))
            #expect(slash.json?["badRequest"]?["message"] == "Invalid input for field/attribute 0. Value: a/b. 'a/b' does not match '^[^,/]*$'")
            let many = (0...50).map { JSONValue.string("t\($0)") }
            #expect(try await cloud.send(.post, "/servers", at: "2.52", json: Self.body(["networks": "none", "tags": .array(many)])).status == .badRequest)
        }
    }

    @Test func personalityUntilTwoFiftySevenWithinTheQuotas() async throws {
        try await MicroversionCloud.run { cloud in
            let file: JSONValue = ["path": "/etc/motd", "contents": "aGVsbG8="]
            #expect(try await cloud.send(.post, "/servers", at: "2.56", json: Self.body(["networks": "none", "personality": [file]])).status == .accepted)
            #expect(try await cloud.send(.post, "/servers", at: "2.57", json: Self.body(["networks": "none", "personality": [file]])).status == .badRequest)
            let six = JSONValue.array(Array(repeating: file, count: 6))
            let tooMany = try await cloud.send(.post, "/servers", at: "2.1", json: Self.body(["personality": six]))
            #expect(tooMany.json == ["forbidden": ["code": 403, "message": "Personality file limit exceeded"]])
            let longPath: JSONValue = [["path": .string("/" + String(repeating: "p", count: 255)), "contents": "aA=="]]
            let path = try await cloud.send(.post, "/servers", at: "2.1", json: Self.body(["personality": longPath]))
            #expect(path.json?["forbidden"]?["message"] == "Personality file path exceeds maximum 255")
            let big = Data(repeating: 65, count: 10241).base64EncodedString()
            let content = try await cloud.send(.post, "/servers", at: "2.1", json: Self.body(["personality": [["path": "/x", "contents": .string(big)]]]))
            #expect(content.json?["forbidden"]?["message"] == "Personality file content exceeds maximum 10240")
            let notBase64 = try await cloud.send(.post, "/servers", at: "2.1", json: Self.body(["personality": [["path": "/x", "contents": "%%%"]]]))
            #expect(notBase64.status == .badRequest)
        }
    }

    @Test func trustedCertificatesFromTwoSixtyThree() async throws {
        try await MicroversionCloud.run { cloud in
            let refused = try await cloud.send(.post, "/servers", at: "2.62",
                                               json: Self.body(["networks": "none", "trusted_image_certificates": ["c1"]]))
            #expect(refused.status == .badRequest)
            let id = try await cloud.createServer(at: "2.63", extra: ["trusted_image_certificates": ["c1", "c2"]])
            #expect(try await cloud.show(id, at: "2.63")["trusted_image_certificates"] == ["c1", "c2"])
            let detail = try await cloud.send(.get, "/servers/detail", at: "2.63")
            #expect(detail.json?["servers"]?.arrayValue?.first?["trusted_image_certificates"] == ["c1", "c2"])
            for bad: JSONValue in [[], ["a", "a"], [""]] {
                let reply = try await cloud.send(.post, "/servers", at: "2.63",
                                                 json: Self.body(["networks": "none", "trusted_image_certificates": bad]))
                #expect(reply.status == .badRequest, "\(bad)")
            }
            let none = try await cloud.createServer(at: "2.63", name: "plain", extra: ["trusted_image_certificates": nil])
            #expect(try await cloud.show(none, at: "2.63")["trusted_image_certificates"] == .null)
        }
    }

    @Test func hostnamesAreSanitizedNamesIndexedForMultiCreate() async throws {
        try await MicroversionCloud.run { cloud in
            let reply = try await cloud.send(.post, "/servers", at: "2.1", json: Self.body([
                "name": "My Web_Server.1", "min_count": 2, "return_reservation_id": true,
            ]))
            let reservation = try #require(reply.json?["reservation_id"]?.stringValue)
            let list = try await cloud.send(.get, "/servers/detail?all_tenants=1", token: cloud.admin, at: "2.3")
            let names = list.json?["servers"]?.arrayValue?
                .filter { $0["OS-EXT-SRV-ATTR:reservation_id"]?.stringValue == reservation }
                .compactMap { $0["OS-EXT-SRV-ATTR:hostname"]?.stringValue }
            #expect(Set(names ?? []) == ["my-web-server-1-1", "my-web-server-1-2"])
            let byReservation = try await cloud.send(.get, "/servers?reservation_id=\(reservation)", at: "2.1")
            #expect(Set(ServerListVersionTests.names(byReservation)) == ["My Web_Server.1-1", "My Web_Server.1-2"])
            let odd = try await cloud.createServer(name: "***")
            #expect(try await cloud.show(odd, token: cloud.admin, at: "2.3")["OS-EXT-SRV-ATTR:hostname"] == .string("Server-\(odd)"))
        }
    }

    /// openstackclient sends its `--image` as a mapping too; that one boots, the rest
    /// get Nova's answers for what Stratus does not have.
    @Test func blockDeviceMappingsForTheImageOnly() async throws {
        try await MicroversionCloud.run { cloud in
            let image: JSONValue = .string(ServerWorld.imageID)
            let root: JSONValue = ["uuid": image, "boot_index": 0, "source_type": "image", "destination_type": "local",
                                   "delete_on_termination": true]
            #expect(try await cloud.send(.post, "/servers", at: "2.73",
                                         json: Self.body(["networks": "auto", "block_device_mapping_v2": [root]])).status == .accepted)
            func message(_ mapping: JSONValue, _ version: String = "2.73", imageRef: JSONValue = .string(ServerWorld.imageID)) async throws -> String? {
                try await cloud.send(.post, "/servers", at: version, json: Self.body([
                    "networks": "none", "imageRef": imageRef, "block_device_mapping_v2": [mapping],
                ])).json?["badRequest"]?["message"]?.stringValue
            }
            let volume: JSONValue = ["uuid": "vol-1", "boot_index": 1, "source_type": "volume", "destination_type": "volume"]
            #expect(try await message(volume) == "Block Device Mapping is Invalid: volume vol-1 cannot be a boot or create-time disk here; attach it to the server instead.")
            let second: JSONValue = ["uuid": image, "boot_index": 1, "source_type": "image", "destination_type": "local"]
            #expect(try await message(second) == "Block Device Mapping is Invalid: Mapping image to local is not supported.")
            #expect(try await message(root, imageRef: "") == "Block Device Mapping is Invalid: Mapping image to local is not supported.")
            let blankWithID: JSONValue = ["uuid": "x", "source_type": "blank", "destination_type": "local"]
            #expect(try await message(blankWithID) == "Block Device Mapping is Invalid: Invalid device UUID.")
            let tagged: JSONValue = ["uuid": image, "boot_index": 0, "source_type": "image", "destination_type": "local", "tag": "root"]
            #expect(try await message(tagged, "2.33")?.contains("'tag' was unexpected") == true, "no BDM tag at 2.33–2.41")
            #expect(try await message(tagged, "2.42") == nil)
            let typed: JSONValue = ["uuid": image, "boot_index": 0, "source_type": "image", "destination_type": "local", "volume_type": "fast"]
            #expect(try await message(typed, "2.66")?.contains("'volume_type' was unexpected") == true)
            #expect(try await message(typed, "2.67")
                == "Block Device Mapping is Invalid: Specifying a volume_type with destination_type=local is not supported.")
            let both = try await cloud.send(.post, "/servers", at: "2.1", json: Self.body([
                "block_device_mapping": [["volume_id": "v"]], "block_device_mapping_v2": [root],
            ]))
            #expect(both.json?["badRequest"]?["message"] == "Using different block_device_mapping syntaxes is not allowed in the same request.")
        }
    }
}
