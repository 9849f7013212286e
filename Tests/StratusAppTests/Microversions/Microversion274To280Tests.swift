import Foundation
import HTTPTypes
import StratusAgent
import StratusCore
import StratusOpenStack
import Testing

/// 2.74 – 2.80 against Nova's version history and schemas: the requested
/// destination on create, 2.75's cleanups, the topology route and the
/// migration records' owners.
@Suite("Compute microversions 2.74 – 2.80")
struct Microversion274To280Tests {
    @Test func anAdministratorMayNameTheHostAtCreateFromTwoSeventyFour() async throws {
        try await MicroversionCloud.run { cloud in
            let body = { (extra: [String: JSONValue]) -> JSONValue in
                var server: [String: JSONValue] = [
                    "name": "placed", "imageRef": .string(ServerWorld.imageID), "flavorRef": "1", "networks": "none",
                ]
                server.merge(extra) { _, new in new }
                return ["server": .object(server)]
            }
            let early = try await cloud.send(.post, "/servers", token: cloud.admin, at: "2.73", json: body(["host": "sim-1"]))
            #expect(early.status == .badRequest, "host is an unknown field before 2.74")
            let member = try await cloud.send(.post, "/servers", at: "2.74", json: body(["host": "sim-1"]))
            #expect(member.status == .forbidden)
            #expect(member.json?["forbidden"]?["message"]
                == "Policy doesn't allow compute:servers:create:requested_destination to be performed.")
            let unknown = try await cloud.send(.post, "/servers", token: cloud.admin, at: "2.74", json: body(["host": "nowhere"]))
            #expect(unknown.status == .badRequest)
            #expect(unknown.json?["badRequest"]?["message"] == "Compute host nowhere could not be found.")
            let mismatch = try await cloud.send(.post, "/servers", token: cloud.admin, at: "2.74",
                                                json: body(["host": "sim-1", "hypervisor_hostname": "other"]))
            #expect(mismatch.json?["badRequest"]?["message"] == "Compute host other could not be found.")
            let malformed = try await cloud.send(.post, "/servers", token: cloud.admin, at: "2.74", json: body(["host": "a b"]))
            #expect(malformed.json?["badRequest"]?["message"]
                == "Invalid input for field/attribute host. Value: a b. 'a b' does not match '^[a-zA-Z0-9-._]*$'")
            let empty = try await cloud.send(.post, "/servers", token: cloud.admin, at: "2.74", json: body(["hypervisor_hostname": ""]))
            #expect(empty.status == .badRequest)

            let placed = try await cloud.send(.post, "/servers", token: cloud.admin, at: "2.74",
                                              json: body(["host": "sim-1", "hypervisor_hostname": "sim-1"]))
            #expect(placed.status == .accepted)
            let id = try #require(placed.json?["server"]?["id"]?.stringValue)
            try await cloud.converge()
            let shown = try await cloud.show(id, token: cloud.admin, at: "2.74")
            #expect(shown["status"] == "ACTIVE")
            #expect(shown["OS-EXT-SRV-ATTR:host"] == "sim-1")
        }
    }

    @Test func aRequestedHostStillPassesTheFilters() async throws {
        try await MicroversionCloud.run { cloud in
            // More vCPUs than the only host has (within the quota): the filters run
            // and the build fails (Nova's NoValidHost).
            let flavor = try await cloud.send(.post, "/flavors", token: cloud.admin, at: "2.1", json: [
                "flavor": ["name": "huge", "ram": 64, "vcpus": .int(SimulatedHosts.capacity.vcpus + 1), "disk": 1, "id": "huge"],
            ])
            #expect(flavor.status == .ok)
            let id = try await cloud.createServer(cloud.admin, at: "2.74", name: "big", extra: [
                "flavorRef": "huge", "host": "sim-1",
            ])
            try await cloud.converge()
            let shown = try await cloud.show(id, token: cloud.admin, at: "2.74")
            #expect(shown["status"] == "ERROR")
            #expect(shown["fault"]?["message"]?.stringValue?.hasPrefix("No valid host was found") == true)
        }
    }

    @Test func updateAndRebuildAnswerWithTheFullViewFromTwoSeventyFive() async throws {
        try await MicroversionCloud.run { cloud in
            let id = try await cloud.createServer()
            try await cloud.converge()
            let show = try await cloud.show(id, at: "2.75")
            let update = try await cloud.send(.put, "/servers/\(id)", at: "2.75", json: ["server": ["name": "renamed"]])
            let updated = try #require(update.json?["server"]?.objectValue)
            #expect(Set(updated.keys) == Set(show.keys))
            #expect(updated["OS-EXT-STS:vm_state"] == "active")
            #expect(updated["security_groups"] != nil)
            let below = try await cloud.send(.put, "/servers/\(id)", at: "2.74", json: ["server": ["name": "again"]])
            #expect(below.json?["server"]?["OS-EXT-STS:vm_state"] == nil, "the reduced view below 2.75")

            let rebuild = try await cloud.send(.post, "/servers/\(id)/action", token: cloud.admin, at: "2.75", json: [
                "rebuild": ["imageRef": .string(ServerWorld.imageID)],
            ])
            #expect(rebuild.status == .accepted)
            let rebuilt = try #require(rebuild.json?["server"]?.objectValue)
            let adminShow = try await cloud.show(id, token: cloud.admin, at: "2.75")
            #expect(Set(rebuilt.keys) == Set(adminShow.keys).union(["adminPass", "user_data"])
                .subtracting(["OS-EXT-SRV-ATTR:user_data"]), "Nova's show_user_data=False")
            #expect(rebuilt["OS-EXT-SRV-ATTR:host"] == "sim-1", "administrators' extended attributes")
            #expect(rebuilt["host_status"] != nil)
        }
    }

    @Test func flavorsShowNoSwapAsZeroFromTwoSeventyFive() async throws {
        try await MicroversionCloud.run { cloud in
            let old = try await cloud.send(.get, "/flavors/1", at: "2.74")
            #expect(old.json?["flavor"]?["swap"] == "")
            let new = try await cloud.send(.get, "/flavors/1", at: "2.75")
            #expect(new.json?["flavor"]?["swap"] == 0)
            let detail = try await cloud.send(.get, "/flavors/detail", at: "2.75")
            #expect(detail.json?["flavors"]?.arrayValue?.allSatisfy { $0["swap"] != nil && $0["swap"] != "" } == true)
        }
    }

    @Test(arguments: [
        "/servers", "/servers/detail", "/flavors", "/flavors/detail", "/os-keypairs", "/limits",
        "/os-server-groups", "/os-services", "/os-quota-sets/demo", "/os-quota-sets/demo/detail",
    ])
    func unknownQueryParametersAre400FromTwoSeventyFive(path: String) async throws {
        try await MicroversionCloud.run { cloud in
            let before = try await cloud.send(.get, path + "?xxx=1", token: cloud.admin, at: "2.74")
            #expect(before.status == .ok, "ignored below 2.75")
            let after = try await cloud.send(.get, path + "?xxx=1&aaa=2", token: cloud.admin, at: "2.75")
            #expect(after.status == .badRequest)
            #expect(after.json?["badRequest"]?["message"] == "Additional properties are not allowed ('aaa', 'xxx' were unexpected)")
            let one = try await cloud.send(.get, path + "?xxx=1", token: cloud.admin, at: "2.80")
            #expect(one.json?["badRequest"]?["message"] == "Additional properties are not allowed ('xxx' was unexpected)")
        }
    }

    @Test func knownQueryParametersStillWorkAtTwoSeventyFive() async throws {
        try await MicroversionCloud.run { cloud in
            let id = try await cloud.createServer(at: "2.75")
            try await cloud.converge()
            let servers = try await cloud.send(.get, "/servers/detail?name=sample&status=ACTIVE&limit=5&sort_key=display_name&sort_dir=asc&locked=false", at: "2.75")
            #expect(servers.status == .ok)
            #expect(servers.json?["servers"]?.arrayValue?.map { $0["id"] } == [.string(id)])
            let keypairs = try await cloud.send(.get, "/os-keypairs?limit=2", at: "2.75")
            #expect(keypairs.status == .ok)
            let flavors = try await cloud.send(.get, "/flavors?minRam=0&is_public=true&sort_key=flavorid", at: "2.75")
            #expect(flavors.status == .ok)
            // Nova's ignored sort keys (`id`, `vcpus`, …) are unknown from 2.75.
            let ignored = try await cloud.send(.get, "/servers?sort_key=vcpus", at: "2.74")
            #expect(ignored.status == .ok)
            let refused = try await cloud.send(.get, "/servers?sort_key=vcpus", at: "2.75")
            #expect(refused.status == .badRequest)
            #expect(refused.json?["badRequest"]?["message"]?.stringValue?.hasPrefix(
                "Invalid input for query parameters sort_key. Value: vcpus. 'vcpus' is not one of") == true)
        }
    }

    @Test func hypervisorsListTheirServersEvenWhenEmptyFromTwoSeventyFive() async throws {
        try await MicroversionCloud.run { cloud in
            let before = try await cloud.send(.get, "/os-hypervisors?with_servers=true", token: cloud.admin, at: "2.74")
            #expect(before.json?["hypervisors"]?.arrayValue?.first?["servers"] == nil)
            let after = try await cloud.send(.get, "/os-hypervisors/detail?with_servers=true", token: cloud.admin, at: "2.75")
            #expect(after.json?["hypervisors"]?.arrayValue?.first?["servers"] == [])
            let plain = try await cloud.send(.get, "/os-hypervisors", token: cloud.admin, at: "2.75")
            #expect(plain.json?["hypervisors"]?.arrayValue?.first?["servers"] == nil, "only when asked for")
        }
    }

    @Test func topologyFromTwoSeventyEight() async throws {
        try await MicroversionCloud.run { cloud in
            let id = try await cloud.createServer()
            let before = try await cloud.send(.get, "/servers/\(id)/topology", at: "2.77")
            #expect(before.status == .notFound)
            let topology = try await cloud.send(.get, "/servers/\(id)/topology", at: "2.78")
            #expect(topology.status == .ok)
            #expect(topology.json == ["nodes": [], "pagesize_kb": nil])
            let missing = try await cloud.send(.get, "/servers/00000000-0000-4000-8000-000000000000/topology", at: "2.78")
            #expect(missing.status == .notFound)
        }
    }

    @Test func migrationsShowAndFilterTheirOwnerFromTwoEighty() async throws {
        try await MicroversionCloud.run { cloud in
            try await cloud.cloud.cloud.compute.registerHost(SimulatedHosts.make(count: 2)[1])
            let id = try await cloud.createServer()
            try await cloud.converge()
            let migrate = try await cloud.send(.post, "/servers/\(id)/action", token: cloud.admin, at: "2.1",
                                               json: ["migrate": nil])
            #expect(migrate.status == .accepted)
            let old = try await cloud.send(.get, "/os-migrations", token: cloud.admin, at: "2.79")
            let record = try #require(old.json?["migrations"]?.arrayValue?.first?.objectValue)
            #expect(record["user_id"] == nil && record["project_id"] == nil)
            let refused = try await cloud.send(.get, "/os-migrations?user_id=x", token: cloud.admin, at: "2.79")
            #expect(refused.status == .badRequest, "the query is strict from 2.59; user_id arrives at 2.80")

            // As in Nova, the owner is whoever asked for the move (here the administrator).
            let shown = try await cloud.send(.get, "/os-migrations", token: cloud.admin, at: "2.80")
            let owned = try #require(shown.json?["migrations"]?.arrayValue?.first?.objectValue)
            let token = try await cloud.cloud.send(.get, "/identity/v3/auth/tokens", token: cloud.admin,
                                                   headers: [HTTPField.Name("X-Subject-Token")!: cloud.admin])
            #expect(owned["user_id"] == token.json?["token"]?["user"]?["id"])
            #expect(owned["project_id"] == token.json?["token"]?["project"]?["id"])
            let project = try #require(owned["project_id"]?.stringValue)
            let mine = try await cloud.send(.get, "/os-migrations?project_id=\(project)", token: cloud.admin, at: "2.80")
            #expect(mine.json?["migrations"]?.arrayValue?.count == 1)
            let others = try await cloud.send(.get, "/os-migrations?user_id=someone-else", token: cloud.admin, at: "2.80")
            #expect(others.json?["migrations"] == [])

            // 2.66's changes-before reaches os-migrations too.
            let future = try await cloud.send(.get, "/os-migrations?changes-before=2000-01-01T00:00:00Z", token: cloud.admin, at: "2.66")
            #expect(future.json?["migrations"] == [])
            let inverted = try await cloud.send(
                .get, "/os-migrations?changes-since=2030-01-01T00:00:00Z&changes-before=2020-01-01T00:00:00Z",
                token: cloud.admin, at: "2.66")
            #expect(inverted.json?["badRequest"]?["message"]
                == "The value of changes-since must be less than or equal to changes-before.")
            let early = try await cloud.send(.get, "/os-migrations?changes-before=2000-01-01T00:00:00Z", token: cloud.admin, at: "2.65")
            #expect(early.status == .badRequest, "changes-before arrives at 2.66")
        }
    }
}

/// The `same_host` and `different_host` hints through the API.
@Suite("Compute: same_host and different_host scheduler hints")
struct PlacementHintsHTTPTests {
    @Test func hintsPlaceNextToOrAwayFromNamedServers() async throws {
        try await MicroversionCloud.run { cloud in
            try await cloud.cloud.cloud.compute.registerHost(SimulatedHosts.make(count: 2)[1])
            let first = try await cloud.createServer(name: "first")
            try await cloud.converge()
            let firstHost = try await cloud.show(first, token: cloud.admin, at: "2.1")["OS-EXT-SRV-ATTR:host"]
            func create(_ name: String, hints: JSONValue) async throws -> (Reply, String?) {
                let reply = try await cloud.send(.post, "/servers", json: [
                    "server": ["name": .string(name), "imageRef": .string(ServerWorld.imageID), "flavorRef": "1"],
                    "os:scheduler_hints": hints,
                ])
                return (reply, reply.json?["server"]?["id"]?.stringValue)
            }
            let (_, near) = try await create("near", hints: ["same_host": .string(first)])
            let (_, away) = try await create("away", hints: ["different_host": [.string(first)]])
            // sim-2 has no agent here: the scheduler's choice is what the test reads.
            try await cloud.cloud.cloud.compute.scheduleUnplaced()
            #expect(try await cloud.show(try #require(near), token: cloud.admin, at: "2.1")["OS-EXT-SRV-ATTR:host"] == firstHost)
            let awayHost = try await cloud.show(try #require(away), token: cloud.admin, at: "2.1")["OS-EXT-SRV-ATTR:host"]
            #expect(awayHost != firstHost && awayHost != .null)

            let (badUUID, _) = try await create("bad", hints: ["different_host": "not-a-uuid"])
            #expect(badUUID.status == .badRequest)
            let (repeated, _) = try await create("bad", hints: ["different_host": [.string(first), .string(first)]])
            #expect(repeated.status == .badRequest, "different_host items are unique")
            // A same_host server that does not exist leaves no host: Nova's NoValidHost.
            let (_, orphan) = try await create("orphan", hints: ["same_host": "00000000-0000-4000-8000-000000000000"])
            try await cloud.cloud.cloud.compute.scheduleUnplaced()
            #expect(try await cloud.show(try #require(orphan), at: "2.1")["status"] == "ERROR")
        }
    }
}
