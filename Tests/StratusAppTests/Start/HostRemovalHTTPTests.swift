import Foundation
import HTTPTypes
import StratusAgent
import StratusCore
import StratusOpenStack
import Testing

@Suite("DELETE /os-services/{id}: a stale host leaves with its records")
struct HostRemovalHTTPTests {
    static let v253: HTTPFields = [HTTPField.Name("OpenStack-API-Version")!: "compute 2.53"]

    @Test func aDownHostWithoutServersIsRemovedFromListingsAndAggregates() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            var hosts = SimulatedHosts.make(count: 2)
            hosts[1].lastHeartbeat = Date().addingTimeInterval(-600)  // an earlier run's host
            for host in hosts { try await cloud.cloud.compute.registerHost(host) }
            let aggregate = try await cloud.send(
                .post, "/compute/v2.1/os-aggregates", token: admin, json: ["aggregate": ["name": "rack-1"]])
            guard case .int(let aggregateID) = aggregate.json?["aggregate"]?["id"] else {
                Issue.record("no aggregate id: \(String(describing: aggregate.json))")
                return
            }
            let added = try await cloud.send(
                .post, "/compute/v2.1/os-aggregates/\(aggregateID)/action", token: admin,
                json: ["add_host": ["host": .string(hosts[1].name)]])
            #expect(added.status == .ok)

            let services = try await cloud.send(.get, "/compute/v2.1/os-services", token: admin, headers: Self.v253)
            let stale = try #require(services.json?["services"]?.arrayValue?.first { $0["host"]?.stringValue == hosts[1].name })
            let id = try #require(stale["id"]?.stringValue)
            let deleted = try await cloud.send(.delete, "/compute/v2.1/os-services/\(id)", token: admin, headers: Self.v253)
            #expect(deleted.status == .noContent)

            let after = try await cloud.send(.get, "/compute/v2.1/os-services", token: admin)
            #expect(after.json?["services"]?.arrayValue?.map { $0["host"]?.stringValue } == [hosts[0].name])
            let members = try await cloud.send(.get, "/compute/v2.1/os-aggregates/\(aggregateID)", token: admin)
            #expect(members.json?["aggregate"]?["hosts"]?.arrayValue == [])
            let again = try await cloud.send(.delete, "/compute/v2.1/os-services/\(id)", token: admin, headers: Self.v253)
            #expect(again.status == .notFound)
        }
    }

    @Test func anUpHostOrOneWithServersStays() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            for host in SimulatedHosts.make(count: 1) { try await cloud.cloud.compute.registerHost(host) }
            let up = try await cloud.send(.delete, "/compute/v2.1/os-services/1", token: admin)
            #expect(up.status == .conflict)
            #expect(up.json?["conflictingRequest"]?["message"]?.stringValue?.contains("is up") == true)
            #expect(try await cloud.send(.get, "/compute/v2.1/os-services", token: admin).json?["services"]?.arrayValue?.count == 1)
        }
    }

    @Test func idsAreCheckedAsNovaChecksThem() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            #expect(try await cloud.send(.delete, "/compute/v2.1/os-services/not-a-uuid", token: admin, headers: Self.v253).status == .badRequest)
            #expect(try await cloud.send(.delete, "/compute/v2.1/os-services/\(UUID().uuidString)", token: admin, headers: Self.v253).status == .notFound)
            #expect(try await cloud.send(.delete, "/compute/v2.1/os-services/99", token: admin).status == .notFound)
            _ = try await cloud.makeUser("ned", role: "member", project: "demo", adminToken: admin)
            let ned = try await cloud.token(user: "ned", password: "pw-ned", project: "demo")
            #expect(try await cloud.send(.delete, "/compute/v2.1/os-services/1", token: ned).status == .forbidden)
        }
    }
}
