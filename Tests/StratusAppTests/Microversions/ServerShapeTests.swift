import Foundation
import HTTPTypes
import StratusAgent
import StratusCore
import StratusOpenStack
import Testing

/// A server's keys at each microversion, against Nova 34's samples (07: 2.73,
/// 08: 2.1, 11: detail at 2.73) and its response schemas.
@Suite("Compute microversions: the server's shape")
struct ServerShapeTests {
    static let keys21 = ServersHTTPTests.keys21
    /// Sample 07.
    static let keys273 = keys21.union([
        "locked", "description", "tags", "trusted_image_certificates", "server_groups", "locked_reason",
    ])
    static let adminKeys21: Set<String> = [
        "OS-EXT-SRV-ATTR:host", "OS-EXT-SRV-ATTR:hypervisor_hostname", "OS-EXT-SRV-ATTR:instance_name",
    ]
    static let adminKeys23 = adminKeys21.union([
        "OS-EXT-SRV-ATTR:hostname", "OS-EXT-SRV-ATTR:kernel_id", "OS-EXT-SRV-ATTR:ramdisk_id",
        "OS-EXT-SRV-ATTR:launch_index", "OS-EXT-SRV-ATTR:reservation_id", "OS-EXT-SRV-ATTR:root_device_name",
        "OS-EXT-SRV-ATTR:user_data",
    ])

    /// What a member sees in `GET /servers/{id}` at each version.
    static let memberShow: [(String, Set<String>)] = [
        ("2.1", keys21), ("2.8", keys21), ("2.9", keys21.union(["locked"])),
        ("2.18", keys21.union(["locked"])), ("2.19", keys21.union(["locked", "description"])),
        ("2.26", keys21.union(["locked", "description", "tags"])),
        ("2.47", keys21.union(["locked", "description", "tags"])),
        ("2.63", keys21.union(["locked", "description", "tags", "trusted_image_certificates"])),
        ("2.71", keys21.union(["locked", "description", "tags", "trusted_image_certificates", "server_groups"])),
        ("2.72", keys21.union(["locked", "description", "tags", "trusted_image_certificates", "server_groups"])),
        ("2.73", keys273),
    ]

    @Test func aMemberSeesExactlyNovasKeysAtEachVersion() async throws {
        try await MicroversionCloud.run { cloud in
            let id = try await cloud.createServer()
            try await cloud.converge()
            for (version, keys) in Self.memberShow {
                let server = try await cloud.show(id, at: version)
                #expect(Set(server.keys) == keys, "show at \(version): \(Set(server.keys).symmetricDifference(keys))")
            }
            let sample07 = try await cloud.show(id, at: "2.73")
            #expect(sample07["locked"] == false)
            #expect(sample07["locked_reason"] == .null)
            #expect(sample07["tags"] == [])
            #expect(sample07["trusted_image_certificates"] == .null)
            #expect(sample07["server_groups"] == [])
            // Created at 2.1: Nova stored the name as the description.
            #expect(sample07["description"] == "sample-1")
            #expect(sample07["flavor"] == [
                "vcpus": 1, "ram": 512, "disk": 1, "ephemeral": 0, "swap": 0, "original_name": "m1.tiny", "extra_specs": [:],
            ])
            let linked = try await cloud.show(id, at: "2.46")
            #expect(Set(linked["flavor"]?.objectValue?.keys ?? [:].keys) == ["id", "links"])
        }
    }

    @Test func adminsSeeExtendedAttributesAndHostStatusByVersion() async throws {
        try await MicroversionCloud.run { cloud in
            let id = try await cloud.createServer(extra: ["user_data": "aGVsbG8="])
            try await cloud.converge()
            let at21 = try await cloud.show(id, token: cloud.admin, at: "2.1")
            #expect(Set(at21.keys) == Self.keys21.union(Self.adminKeys21))
            let at23 = try await cloud.show(id, token: cloud.admin, at: "2.3")
            #expect(Set(at23.keys) == Self.keys21.union(Self.adminKeys23))
            #expect(at23["OS-EXT-SRV-ATTR:hostname"] == "sample-1")
            #expect(at23["OS-EXT-SRV-ATTR:user_data"] == "aGVsbG8=")
            #expect(at23["OS-EXT-SRV-ATTR:launch_index"] == 0)
            #expect(at23["OS-EXT-SRV-ATTR:kernel_id"] == "")
            #expect(at23["OS-EXT-SRV-ATTR:root_device_name"] == "/dev/vda")
            #expect(at23["OS-EXT-SRV-ATTR:reservation_id"]?.stringValue?.hasPrefix("r-") == true)
            let at215 = try await cloud.show(id, token: cloud.admin, at: "2.15")
            #expect(at215["host_status"] == nil)
            let at216 = try await cloud.show(id, token: cloud.admin, at: "2.16")
            #expect(at216["host_status"] == "UP")
            #expect(Set(at216.keys) == Self.keys21.union(Self.adminKeys23).union(["locked", "host_status"]))
            #expect(try await cloud.show(id, at: "2.16")["host_status"] == nil, "members do not see host_status")
            let admin273 = try await cloud.show(id, token: cloud.admin, at: "2.73")
            #expect(Set(admin273.keys) == Self.keys273.union(Self.adminKeys23).union(["host_status"]))

            // A host whose agent went silent: UNKNOWN, in show and in detail.
            var host = SimulatedHosts.make(count: 1)[0]
            host.lastHeartbeat = Date().addingTimeInterval(-600)
            try await cloud.cloud.cloud.compute.registerHost(host)
            #expect(try await cloud.show(id, token: cloud.admin, at: "2.16")["host_status"] == "UNKNOWN")
            let detail = try await cloud.send(.get, "/servers/detail?all_tenants=1", token: cloud.admin, at: "2.16")
            #expect(detail.json?["servers"]?.arrayValue?.first?["host_status"] == "UNKNOWN")
        }
    }

    @Test func kernelAndRamdiskComeFromTheImage() async throws {
        try await MicroversionCloud.run { cloud in
            let id = try await cloud.createServer(extra: ["imageRef": .string(MicroversionCloud.kernelImageID)])
            let server = try await cloud.show(id, token: cloud.admin, at: "2.3")
            #expect(server["OS-EXT-SRV-ATTR:kernel_id"] == .string(MicroversionCloud.kernelID))
            #expect(server["OS-EXT-SRV-ATTR:ramdisk_id"] == .string(MicroversionCloud.ramdiskID))
        }
    }

    @Test func rootDeviceNameAppearsOnceAHostHasTheServer() {
        var instance = Instance(
            id: "i", name: "vm", projectID: "p", userID: "u", imageID: "img",
            flavor: Flavor(id: "1", name: "m1.tiny", vcpus: 1, memoryMiB: 512, rootDiskGiB: 1), createdAt: Date())
        #expect(instance.rootDeviceName == nil)
        instance.hostName = "sim-1"
        #expect(instance.rootDeviceName == "/dev/vda")
    }

    @Test func detailListsLeaveServerGroupsOut() async throws {
        try await MicroversionCloud.run { cloud in
            _ = try await cloud.createServer()
            try await cloud.converge()
            let detail = try await cloud.send(.get, "/servers/detail", at: "2.73")
            let server = try #require(detail.json?["servers"]?.arrayValue?.first?.objectValue)
            // Sample 11: every key of sample 07 but server_groups.
            #expect(Set(server.keys) == Self.keys273.subtracting(["server_groups"]))
            let old = try await cloud.send(.get, "/servers/detail", at: "2.1")
            #expect(Set(old.json?["servers"]?.arrayValue?.first?.objectValue?.keys ?? [:].keys) == Self.keys21)
        }
    }

    @Test func updateAnswersWithNovasReducedView() async throws {
        try await MicroversionCloud.run { cloud in
            let id = try await cloud.createServer()
            try await cloud.converge()
            let base: Set<String> = [
                "accessIPv4", "accessIPv6", "addresses", "created", "flavor", "hostId", "id", "image", "links",
                "metadata", "name", "status", "tenant_id", "user_id", "updated", "OS-DCF:diskConfig", "progress",
            ]
            let at21 = try await cloud.send(.put, "/servers/\(id)", token: cloud.admin, at: "2.1", json: ["server": ["name": "a"]])
            #expect(Set(at21.json?["server"]?.objectValue?.keys ?? [:].keys) == base)
            let at273 = try await cloud.send(.put, "/servers/\(id)", at: "2.73", json: ["server": ["name": "b", "description": "d"]])
            let server = try #require(at273.json?["server"]?.objectValue)
            #expect(Set(server.keys) == base.union([
                "locked", "description", "tags", "trusted_image_certificates", "server_groups", "locked_reason",
            ]))
            #expect(server["description"] == "d")
            let early = try await cloud.send(.put, "/servers/\(id)", at: "2.18", json: ["server": ["description": "d"]])
            #expect(early.status == .badRequest)
            let v6 = try await cloud.send(.put, "/servers/\(id)", at: "2.1",
                                          json: ["server": ["accessIPv6": "0000:0000:0000:0000:0000:babe:220.12.22.2"]])
            #expect(v6.json?["server"]?["accessIPv6"] == "::babe:dc0c:1602", "Nova's canonical IPv6 form")
            // The hostname is fixed at create (before 2.90 no rename changes it).
            #expect(try await cloud.show(id, token: cloud.admin, at: "2.3")["OS-EXT-SRV-ATTR:hostname"] == "sample-1")
        }
    }

    @Test func descriptionFollowsTwoNineteen() async throws {
        try await MicroversionCloud.run { cloud in
            let none = try await cloud.createServer(at: "2.19", name: "plain")
            #expect(try await cloud.show(none, at: "2.19")["description"] == .null)
            let given = try await cloud.createServer(at: "2.19", name: "given", extra: ["description": "my server"])
            #expect(try await cloud.show(given, at: "2.19")["description"] == "my server")
            let refused = try await cloud.send(.post, "/servers", at: "2.18", json: [
                "server": ["name": "x", "imageRef": .string(ServerWorld.imageID), "flavorRef": "1", "description": "no"],
            ])
            #expect(refused.status == .badRequest)
            let control = try await cloud.send(.post, "/servers", at: "2.19", json: [
                "server": ["name": "x", "imageRef": .string(ServerWorld.imageID), "flavorRef": "1", "description": "a\u{7}b"],
            ])
            #expect(control.status == .badRequest, "control characters are not printable")
        }
    }

    @Test func serverGroupsAreTheGroupsTheServerIsIn() async throws {
        try await MicroversionCloud.run { cloud in
            let group = try await cloud.send(.post, "/os-server-groups", at: "2.64", json: [
                "server_group": ["name": "g", "policy": "anti-affinity"],
            ])
            let groupID = try #require(group.json?["server_group"]?["id"]?.stringValue)
            let reply = try await cloud.send(.post, "/servers", at: "2.71", json: [
                "server": ["name": "member", "imageRef": .string(ServerWorld.imageID), "flavorRef": "1", "networks": "none"],
                "os:scheduler_hints": ["group": .string(groupID)],
            ])
            let id = try #require(reply.json?["server"]?["id"]?.stringValue)
            #expect(try await cloud.show(id, at: "2.71")["server_groups"] == [.string(groupID)])
            #expect(try await cloud.show(id, at: "2.70")["server_groups"] == nil)
            try await cloud.converge()
            let updated = try await cloud.send(.put, "/servers/\(id)", at: "2.71", json: ["server": ["name": "renamed"]])
            #expect(updated.json?["server"]?["server_groups"] == [.string(groupID)])
        }
    }

    @Test func lockReasonFromTwoSeventyThree() async throws {
        try await MicroversionCloud.run { cloud in
            let id = try await cloud.createServer()
            try await cloud.converge()
            // Sample 12 then 13.
            let lock = try await cloud.send(.post, "/servers/\(id)/action", token: cloud.admin, at: "2.73",
                                            json: ["lock": ["locked_reason": "maintenance by ops"]])
            #expect(lock.status == .accepted)
            let locked = try await cloud.show(id, at: "2.73")
            #expect(locked["locked"] == true)
            #expect(locked["locked_reason"] == "maintenance by ops")
            #expect(Set(locked.keys) == Self.keys273)
            // Sample 14: the locked filter.
            let filtered = try await cloud.send(.get, "/servers/detail?locked=true", at: "2.73")
            #expect(filtered.json?["servers"]?.arrayValue?.first?["locked_reason"] == "maintenance by ops")
            #expect(try await cloud.send(.get, "/servers?locked=false", at: "2.73").json?["servers"] == [])
            #expect(try await cloud.send(.post, "/servers/\(id)/action", token: cloud.admin, at: "2.73",
                                         json: ["unlock": nil]).status == .accepted)

            // Sample 18: 2.72 accepts a reason and drops it.
            let old = try await cloud.send(.post, "/servers/\(id)/action", token: cloud.admin, at: "2.72",
                                           json: ["lock": ["locked_reason": "x"]])
            #expect(old.status == .accepted)
            let dropped = try await cloud.show(id, at: "2.73")
            #expect(dropped["locked"] == true)
            #expect(dropped["locked_reason"] == .null)
            _ = try await cloud.send(.post, "/servers/\(id)/action", token: cloud.admin, at: "2.73", json: ["unlock": nil])

            for bad: JSONValue in [["locked_reason": ""], ["locked_reason": .string(String(repeating: "r", count: 256))],
                                   ["reason": "x"], "text"] {
                let reply = try await cloud.send(.post, "/servers/\(id)/action", token: cloud.admin, at: "2.73", json: ["lock": bad])
                #expect(reply.status == .badRequest, "lock body \(bad)")
            }
            #expect(try await cloud.show(id, at: "2.73")["locked"] == false)
            #expect(try await cloud.send(.post, "/servers/\(id)/action", at: "2.73", json: ["lock": nil]).status == .accepted)
            #expect(try await cloud.show(id, at: "2.73")["locked_reason"] == .null)
        }
    }

    @Test func rebuildAnswersByVersion() async throws {
        try await MicroversionCloud.run { cloud in
            let keyReply = try await cloud.send(.post, "/os-keypairs", at: "2.1", json: ["keypair": ["name": "k2"]])
            #expect(keyReply.status == .ok)
            let id = try await cloud.createServer(extra: ["user_data": "b2xk"])
            try await cloud.converge()
            let image: JSONValue = .string(ServerWorld.imageID)
            let at253 = try await cloud.send(.post, "/servers/\(id)/action", at: "2.53", json: ["rebuild": ["imageRef": image]])
            let server253 = try #require(at253.json?["server"]?.objectValue)
            #expect(server253["key_name"] == nil)
            #expect(server253["user_data"] == nil)
            #expect(server253["adminPass"] != nil)
            #expect(at253.headers[.location]?.hasSuffix("/servers/\(id)") == true)
            let refused = try await cloud.send(.post, "/servers/\(id)/action", at: "2.53",
                                               json: ["rebuild": ["imageRef": image, "key_name": "k2"]])
            #expect(refused.status == .badRequest, "key_name arrives at 2.54")
            try await cloud.converge()

            let at257 = try await cloud.send(.post, "/servers/\(id)/action", at: "2.57", json: [
                "rebuild": ["imageRef": image, "key_name": "k2", "user_data": "bmV3"],
            ])
            #expect(at257.status == .accepted)
            let server257 = try #require(at257.json?["server"]?.objectValue)
            #expect(server257["key_name"] == "k2")
            #expect(server257["user_data"] == "bmV3")
            #expect(server257["OS-EXT-STS:vm_state"] == nil, "rebuild's reduced view below 2.75")
            try await cloud.converge()
            let personality = try await cloud.send(.post, "/servers/\(id)/action", at: "2.57", json: [
                "rebuild": ["imageRef": image, "personality": [["path": "/etc/motd", "contents": "aGk="]]],
            ])
            #expect(personality.status == .badRequest, "personality is gone at 2.57")
            let unknownKey = try await cloud.send(.post, "/servers/\(id)/action", at: "2.57",
                                                  json: ["rebuild": ["imageRef": image, "key_name": "nokey"]])
            #expect(unknownKey.json?["badRequest"]?["message"] == "Invalid key_name provided.")
            let unset = try await cloud.send(.post, "/servers/\(id)/action", at: "2.63", json: [
                "rebuild": ["imageRef": image, "key_name": nil, "user_data": nil, "trusted_image_certificates": ["cert-1"]],
            ])
            #expect(unset.status == .accepted)
            #expect(unset.json?["server"]?["key_name"] == .null)
            #expect(unset.json?["server"]?["user_data"] == .null)
            #expect(unset.json?["server"]?["trusted_image_certificates"] == ["cert-1"])
        }
    }
}
