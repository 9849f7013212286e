import Foundation
import StratusAgent
import StratusCore
import StratusOpenStack
import Testing

@Suite("Compute v2.1 over HTTP: services, hypervisors, zones")
struct ComputeHostsHTTPTests {
    @Test func hostsAppearWithStateFromTheirHeartbeat() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            var hosts = SimulatedHosts.make(count: 2)
            hosts[1].lastHeartbeat = Date().addingTimeInterval(-600)  // silent for ten minutes
            for host in hosts { try await cloud.cloud.compute.registerHost(host) }

            let services = try await cloud.send(.get, "/compute/v2.1/os-services?binary=nova-compute", token: admin)
            let states = services.json?["services"]?.arrayValue?.map { $0["state"]?.stringValue }
            #expect(states == ["up", "down"])
            #expect(services.json?["services"]?.arrayValue?.first?["id"] == 1)

            let detail = try await cloud.send(.get, "/compute/v2.1/os-hypervisors/detail", token: admin)
            let first = try #require(detail.json?["hypervisors"]?.arrayValue?.first)
            #expect(first["vcpus"] == .int(SimulatedHosts.capacity.vcpus))
            #expect(first["hypervisor_type"] == "fake")
            #expect(try await cloud.send(.get, "/compute/v2.1/os-hypervisors/9", token: admin).status == .notFound)

            let zones = try await cloud.send(.get, "/compute/v2.1/os-availability-zone", token: admin)
            #expect(zones.json?["availabilityZoneInfo"]?.arrayValue?.first?["zoneName"] == "nova")
            #expect(zones.json?["availabilityZoneInfo"]?.arrayValue?.first?["zoneState"]?["available"] == true)
        }
    }

    @Test func membersSeeZonesButNotHosts() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            for host in SimulatedHosts.make(count: 1) { try await cloud.cloud.compute.registerHost(host) }
            _ = try await cloud.makeUser("ned", role: "member", project: "demo", adminToken: admin)
            let ned = try await cloud.token(user: "ned", password: "pw-ned", project: "demo")
            #expect(try await cloud.send(.get, "/compute/v2.1/os-availability-zone", token: ned).status == .ok)
            #expect(try await cloud.send(.get, "/compute/v2.1/os-availability-zone/detail", token: ned).status == .forbidden)
            #expect(try await cloud.send(.get, "/compute/v2.1/os-hypervisors", token: ned).status == .forbidden)
            #expect(try await cloud.send(.get, "/compute/v2.1/os-services", token: ned).status == .forbidden)
        }
    }
}
