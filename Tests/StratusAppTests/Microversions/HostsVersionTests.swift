import Foundation
import HTTPTypes
import StratusAgent
import StratusCore
import StratusOpenStack
import Testing

/// os-services and os-hypervisors: 2.11, 2.28, 2.33, 2.53.
@Suite("Compute microversions: services and hypervisors")
struct HostsVersionTests {
    @Test func servicesShowForcedDownFromTwoElevenAndUUIDsFromTwoFiftyThree() async throws {
        try await MicroversionCloud.run { cloud in
            let old = try await cloud.send(.get, "/os-services", token: cloud.admin, at: "2.10")
            let service = try #require(old.json?["services"]?.arrayValue?.first?.objectValue)
            #expect(service["forced_down"] == nil)
            #expect(service["id"] == 1)
            let at211 = try await cloud.send(.get, "/os-services", token: cloud.admin, at: "2.11")
            #expect(at211.json?["services"]?.arrayValue?.first?["forced_down"] == false)
            let at253 = try await cloud.send(.get, "/os-services", token: cloud.admin, at: "2.53")
            let id = try #require(at253.json?["services"]?.arrayValue?.first?["id"]?.stringValue)
            #expect(UUID(uuidString: id) != nil)
            let again = try await cloud.send(.get, "/os-services", token: cloud.admin, at: "2.53")
            #expect(again.json?["services"]?.arrayValue?.first?["id"] == .string(id), "stable")
        }
    }

    @Test func hypervisorsByVersion() async throws {
        try await MicroversionCloud.run { cloud in
            for host in SimulatedHosts.make(count: 3).dropFirst() { try await cloud.cloud.cloud.compute.registerHost(host) }
            let serverID = try await cloud.createServer()
            try await cloud.converge()

            let old = try await cloud.send(.get, "/os-hypervisors/1", token: cloud.admin, at: "2.27")
            #expect(old.json?["hypervisor"]?["cpu_info"] == "{}")
            let at228 = try await cloud.send(.get, "/os-hypervisors/1", token: cloud.admin, at: "2.28")
            #expect(at228.json?["hypervisor"]?["cpu_info"] == [:])
            #expect(try await cloud.send(.get, "/os-hypervisors/x", token: cloud.admin, at: "2.1").json?["itemNotFound"]?["message"]
                == "Hypervisor with ID 'x' could not be found.")

            // 2.33: pages, with a link; not before.
            let all = try await cloud.send(.get, "/os-hypervisors?limit=2", token: cloud.admin, at: "2.32")
            #expect(all.json?["hypervisors"]?.arrayValue?.count == 3)
            let page = try await cloud.send(.get, "/os-hypervisors?limit=2", token: cloud.admin, at: "2.33")
            #expect(page.json?["hypervisors"]?.arrayValue?.map { $0["id"] } == [1, 2])
            #expect(page.json?["hypervisors_links"]?.arrayValue?.first?["href"]
                == "http://127.0.0.1:5000/compute/v2.1/os-hypervisors?limit=2&marker=2")
            let next = try await cloud.send(.get, "/os-hypervisors/detail?limit=2&marker=2", token: cloud.admin, at: "2.33")
            #expect(next.json?["hypervisors"]?.arrayValue?.map { $0["id"] } == [3])
            #expect(try await cloud.send(.get, "/os-hypervisors?marker=99", token: cloud.admin, at: "2.33").status == .badRequest)

            // Before 2.53: search and servers routes.
            let search = try await cloud.send(.get, "/os-hypervisors/sim-1/search", token: cloud.admin, at: "2.52")
            #expect(search.json?["hypervisors"]?.arrayValue?.map { $0["hypervisor_hostname"] } == ["sim-1"])
            let servers = try await cloud.send(.get, "/os-hypervisors/sim/servers", token: cloud.admin, at: "2.52")
            let withServers = servers.json?["hypervisors"]?.arrayValue?.filter { $0["servers"] != nil }
            #expect(withServers?.first?["servers"] == [["name": "sample-1", "uuid": .string(serverID)]])
            #expect(try await cloud.send(.get, "/os-hypervisors/zzz/search", token: cloud.admin, at: "2.52").json?["itemNotFound"]?["message"]
                == "No hypervisor matching 'zzz' could be found.")
            #expect(try await cloud.send(.get, "/os-hypervisors/sim-1/search", token: cloud.admin, at: "2.53").status == .notFound)

            // 2.53: UUIDs, the pattern and with_servers as query parameters.
            let byUUID = try await cloud.send(.get, "/os-hypervisors/detail?hypervisor_hostname_pattern=sim-1&with_servers=true",
                                              token: cloud.admin, at: "2.53")
            let hypervisor = try #require(byUUID.json?["hypervisors"]?.arrayValue?.first)
            let uuid = try #require(hypervisor["id"]?.stringValue)
            #expect(UUID(uuidString: uuid) != nil)
            #expect(hypervisor["service"]?["id"]?.stringValue.flatMap(UUID.init(uuidString:)) != nil)
            #expect(hypervisor["service"]?["id"] != hypervisor["id"])
            #expect(hypervisor["servers"] == [["name": "sample-1", "uuid": .string(serverID)]])
            let shown = try await cloud.send(.get, "/os-hypervisors/\(uuid)?with_servers=1", token: cloud.admin, at: "2.53")
            #expect(shown.json?["hypervisor"]?["servers"]?.arrayValue?.count == 1)
            #expect(try await cloud.send(.get, "/os-hypervisors/1", token: cloud.admin, at: "2.53").json?["badRequest"]?["message"]
                == "Invalid uuid 1")
            #expect(try await cloud.send(.get, "/os-hypervisors/\(uuid)/uptime", token: cloud.admin, at: "2.53").status == .ok)
            #expect(try await cloud.send(.get, "/os-hypervisors?hypervisor_hostname_pattern=sim&limit=1",
                                         token: cloud.admin, at: "2.53").status == .badRequest)
            #expect(try await cloud.send(.get, "/os-hypervisors?with_servers=maybe", token: cloud.admin, at: "2.53").status == .badRequest)
        }
    }
}
