import Foundation
import HTTPTypes
import StratusCore
import StratusOpenStack
import Testing

/// `os-server-external-events` as Neutron and Cinder call it.
@Suite("Compute v2.1 over HTTP: external events")
struct ComputeExternalEventsHTTPTests {
    @Test func eventsAnswerPerServer() async throws {
        try await ServersHTTPTests.run { cloud, converge, demo, admin in
            let server = try await ServersHTTPTests.create(cloud, demo)
            try await converge()
            let event: JSONValue = ["name": "network-changed", "server_uuid": .string(server)]
            let accepted = try await cloud.send(.post, "/compute/v2.1/os-server-external-events", token: admin, json: ["events": [event]])
            #expect(accepted.status == .ok)
            #expect(accepted.json?["events"] == [[
                "name": "network-changed", "server_uuid": .string(server), "status": "completed", "code": 200,
            ]])

            let unknown = UUID().uuidString.lowercased()
            let mixed = try await cloud.send(.post, "/compute/v2.1/os-server-external-events", token: admin, json: [
                "events": [event, ["name": "network-vif-plugged", "server_uuid": .string(unknown), "tag": "port-1"]],
            ])
            #expect(mixed.status.code == 207)
            #expect(mixed.json?["events"]?.arrayValue?.map { $0["code"] } == [200, 404])

            // Below 2.76 there is no power-update; members are not Neutron.
            let tooNew = try await cloud.send(.post, "/compute/v2.1/os-server-external-events", token: admin, json: [
                "events": [["name": "power-update", "server_uuid": .string(server), "tag": "POWER_OFF"]],
            ])
            #expect(tooNew.status == .badRequest)
            let member = try await cloud.send(.post, "/compute/v2.1/os-server-external-events", token: demo, json: ["events": [event]])
            #expect(member.status == .forbidden)
        }
    }
}
