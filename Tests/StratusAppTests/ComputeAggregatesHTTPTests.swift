import Foundation
import HTTPTypes
import StratusAgent
import StratusCore
import StratusOpenStack
import Testing

/// os-aggregates in Nova's shapes and errors, and what the scheduler makes of them.
@Suite("Compute over HTTP: host aggregates")
struct ComputeAggregatesHTTPTests {
    @Test func createShowUpdateAndDeleteAnAggregate() async throws {
        try await MicroversionCloud.run { cloud in
            let created = try await cloud.send(.post, "/os-aggregates", token: cloud.admin, at: "2.41",
                                               json: ["aggregate": ["name": "pool", "availability_zone": "az-pool"]])
            #expect(created.status == .ok)
            let aggregate = try #require(created.json?["aggregate"]?.objectValue)
            #expect(aggregate["hosts"] == nil && aggregate["metadata"] == nil, "Nova's create answer")
            #expect(aggregate["availability_zone"] == "az-pool" && aggregate["uuid"] != nil && aggregate["deleted"] == false)
            let id = try #require(aggregate["id"])
            guard case .int(let number) = id else { Issue.record("an integer id"); return }

            let shown = try await cloud.send(.get, "/os-aggregates/\(number)", token: cloud.admin, at: "2.1")
            #expect(shown.json?["aggregate"]?["metadata"] == ["availability_zone": "az-pool"])
            #expect(shown.json?["aggregate"]?["uuid"] == nil, "uuid arrives at 2.41")
            #expect(try await cloud.send(.get, "/os-aggregates", token: cloud.admin).json?["aggregates"]?.arrayValue?.count == 1)

            let duplicate = try await cloud.send(.post, "/os-aggregates", token: cloud.admin, json: ["aggregate": ["name": "pool"]])
            #expect(duplicate.json?["conflictingRequest"]?["message"] == "Aggregate pool already exists.")
            for bad: JSONValue in ["", .string(String(repeating: "x", count: 256)), " lead"] {
                let reply = try await cloud.send(.post, "/os-aggregates", token: cloud.admin, json: ["aggregate": ["name": bad]])
                #expect(reply.status == .badRequest)
            }
            #expect(try await cloud.send(.post, "/os-aggregates", json: ["aggregate": ["name": "mine"]]).status == .forbidden)
            #expect(try await cloud.send(.get, "/os-aggregates").status == .forbidden)
            #expect(try await cloud.send(.get, "/os-aggregates/\(number)").status == .forbidden)
            let missing = try await cloud.send(.get, "/os-aggregates/-1", token: cloud.admin)
            #expect(missing.json?["itemNotFound"]?["message"] == "Aggregate -1 could not be found.")
            #expect(try await cloud.send(.get, "/os-aggregates/abc", token: cloud.admin).status == .badRequest)

            let renamed = try await cloud.send(.put, "/os-aggregates/\(number)", token: cloud.admin,
                                               json: ["aggregate": ["name": "pool-2"]])
            #expect(renamed.json?["aggregate"]?["name"] == "pool-2" && renamed.json?["aggregate"]?["updated_at"] != .null)
            let metadata = try await cloud.send(.post, "/os-aggregates/\(number)/action", token: cloud.admin,
                                                json: ["set_metadata": ["metadata": ["ssd": "true", "gone": nil]]])
            #expect(metadata.json?["aggregate"]?["metadata"] == ["availability_zone": "az-pool", "ssd": "true"])
            let unset = try await cloud.send(.post, "/os-aggregates/\(number)/action", token: cloud.admin,
                                             json: ["set_metadata": ["metadata": ["ssd": nil]]])
            #expect(unset.json?["aggregate"]?["metadata"] == ["availability_zone": "az-pool"])

            #expect(try await cloud.send(.delete, "/os-aggregates/\(number)", json: nil).status == .forbidden)
            #expect(try await cloud.send(.delete, "/os-aggregates/\(number)", token: cloud.admin).status == .ok)
            #expect(try await cloud.send(.delete, "/os-aggregates/\(number)", token: cloud.admin).status == .notFound)
        }
    }

    @Test func hostsJoinOneZoneAndTheSchedulerFollows() async throws {
        try await MicroversionCloud.run { cloud in
            func create(_ name: String, zone: String?) async throws -> Int {
                var body: [String: JSONValue] = ["name": .string(name)]
                if let zone { body["availability_zone"] = .string(zone) }
                let reply = try await cloud.send(.post, "/os-aggregates", token: cloud.admin, json: ["aggregate": .object(body)])
                guard case .int(let id)? = reply.json?["aggregate"]?["id"] else { throw APIError.badRequest("no id") }
                return id
            }
            let east = try await create("east", zone: "east")
            let west = try await create("west", zone: "west")
            let plain = try await create("ssd", zone: nil)
            func act(_ id: Int, _ action: String, _ host: String) async throws -> Reply {
                try await cloud.send(.post, "/os-aggregates/\(id)/action", token: cloud.admin, json: [action: ["host": .string(host)]])
            }
            #expect(try await act(east, "add_host", "sim-1").json?["aggregate"]?["hosts"] == ["sim-1"])
            #expect(try await act(east, "add_host", "sim-1").json?["conflictingRequest"]?["message"] == .string("Aggregate \(east) already has host sim-1."))
            let otherZone = try await act(west, "add_host", "sim-1")
            #expect(otherZone.json?["conflictingRequest"]?["message"]
                == .string("Cannot add host to aggregate \(west). Reason: One or more hosts already in availability zone(s) ['east']."))
            #expect(try await act(plain, "add_host", "sim-1").status == .ok, "an aggregate without a zone is no conflict")
            #expect(try await act(east, "add_host", "nowhere").json?["itemNotFound"]?["message"] == "Compute host nowhere could not be found.")
            #expect(try await act(west, "remove_host", "sim-1").json?["itemNotFound"]?["message"] == .string("Cannot remove host sim-1 in aggregate \(west)"))
            #expect(try await cloud.send(.post, "/os-aggregates/\(east)/action", json: ["add_host": ["host": "sim-1"]]).status == .forbidden)
            let notEmpty = try await cloud.send(.delete, "/os-aggregates/\(east)", token: cloud.admin)
            #expect(notEmpty.json?["badRequest"]?["message"] == .string("Cannot delete aggregate \(east). Reason: Host aggregate is not empty."))

            // The host's zone is now its aggregate's: services, zones and the scheduler agree.
            let services = try await cloud.send(.get, "/os-services", token: cloud.admin)
            #expect(services.json?["services"]?.arrayValue?.first?["zone"] == "east")
            let zones = try await cloud.send(.get, "/os-availability-zone")
            #expect(zones.json?["availabilityZoneInfo"]?.arrayValue?.map { $0["zoneName"] } == ["east"])
            let inEast = try await cloud.createServer(extra: ["availability_zone": "east"])
            try await cloud.converge()
            #expect(try await cloud.show(inEast, at: "2.1")["status"] == "ACTIVE")
            #expect(try await cloud.show(inEast, at: "2.1")["OS-EXT-AZ:availability_zone"] == "east")

            // Metadata reaches the scheduler: a flavor asking for what no aggregate offers finds no host.
            _ = try await cloud.send(.post, "/os-aggregates/\(plain)/action", token: cloud.admin,
                                     json: ["set_metadata": ["metadata": ["ssd": "true"]]])
            for (flavor, wanted) in [("fast", "true"), ("slow", "false")] {
                _ = try await cloud.send(.post, "/flavors", token: cloud.admin, json: [
                    "flavor": ["name": .string(flavor), "ram": 64, "vcpus": 1, "disk": 1, "id": .string(flavor)]])
                _ = try await cloud.send(.post, "/flavors/\(flavor)/os-extra_specs", token: cloud.admin, json: [
                    "extra_specs": ["aggregate_instance_extra_specs:ssd": .string(wanted)]])
            }
            let fast = try await cloud.createServer(cloud.admin, name: "fast", extra: ["flavorRef": "fast"])
            let slow = try await cloud.createServer(cloud.admin, name: "slow", extra: ["flavorRef": "slow"])
            try await cloud.converge()
            #expect(try await cloud.show(fast, token: cloud.admin, at: "2.1")["status"] == "ACTIVE")
            #expect(try await cloud.show(slow, token: cloud.admin, at: "2.1")["status"] == "ERROR")

            #expect(try await act(east, "remove_host", "sim-1").json?["aggregate"]?["hosts"] == [])
            let back = try await cloud.send(.get, "/os-services", token: cloud.admin)
            #expect(back.json?["services"]?.arrayValue?.first?["zone"] == "nova", "the registered zone again")
        }
    }
}
