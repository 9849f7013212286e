import Foundation
import HTTPTypes
import StratusCore
import StratusOpenStack
import Testing

/// os-instance-actions: 2.51 events for owners, 2.58 paging, 2.62 hosts, 2.66.
@Suite("Compute microversions: instance actions")
struct InstanceActionVersionTests {
    @Test func eventsHostsAndPaging() async throws {
        try await MicroversionCloud.run { cloud in
            let id = try await cloud.createServer()
            try await cloud.converge()
            for action: JSONValue in [["os-stop": nil], ["os-start": nil]] {
                #expect(try await cloud.send(.post, "/servers/\(id)/action", json: action).status == .accepted)
                try await cloud.converge()
            }
            let path = "/servers/\(id)/os-instance-actions"
            let list = try await cloud.send(.get, path, at: "2.57")
            let actions = try #require(list.json?["instanceActions"]?.arrayValue)
            #expect(actions.compactMap { $0["action"]?.stringValue } == ["start", "stop", "create"])
            #expect(actions.first?["updated_at"] == nil)
            let create = try #require(actions.last?["request_id"]?.stringValue)

            // 2.51: owners see events, without tracebacks; 2.62: hostId, and host for administrators.
            #expect(try await cloud.send(.get, "\(path)/\(create)", at: "2.50").json?["instanceAction"]?["events"] == nil)
            let owner = try await cloud.send(.get, "\(path)/\(create)", at: "2.51")
            let ownerEvent = try #require(owner.json?["instanceAction"]?["events"]?.arrayValue?.first?.objectValue)
            #expect(Set(ownerEvent.keys) == ["event", "start_time", "finish_time", "result"])
            let admin = try await cloud.send(.get, "\(path)/\(create)", token: cloud.admin, at: "2.51")
            #expect(Set(admin.json?["instanceAction"]?["events"]?.arrayValue?.first?.objectValue?.keys ?? [:].keys)
                == ["event", "start_time", "finish_time", "result", "traceback"])
            let owner262 = try await cloud.send(.get, "\(path)/\(create)", at: "2.62")
            let build = try #require(owner262.json?["instanceAction"]?["events"]?.arrayValue?
                .first { $0["event"] == .string(ServerEvents.build) }?.objectValue)
            #expect(Set(build.keys) == ["event", "start_time", "finish_time", "result", "hostId"])
            let server = try await cloud.show(id, at: "2.62")
            #expect(build["hostId"] == server["hostId"], "the same per-project host digest")
            let admin262 = try await cloud.send(.get, "\(path)/\(create)", token: cloud.admin, at: "2.62")
            let adminBuild = admin262.json?["instanceAction"]?["events"]?.arrayValue?.first { $0["event"] == .string(ServerEvents.build) }
            #expect(adminBuild?["host"] == "sim-1")
            #expect(try await cloud.send(.get, "\(path)/req-nope", at: "2.62").json?["itemNotFound"]?["message"] == "Action req-nope not found")

            // 2.58: updated_at, limit/marker, changes-since; 2.66 changes-before.
            let page = try await cloud.send(.get, "\(path)?limit=2", at: "2.58")
            let first = try #require(page.json?["instanceActions"]?.arrayValue)
            #expect(first.count == 2)
            #expect(first.first?["updated_at"] != nil)
            let marker = try #require(first.last?["request_id"]?.stringValue)
            #expect(page.json?["links"]?.arrayValue?.first?["href"]
                == .string("http://127.0.0.1:5000/compute/v2.1/servers/\(id)/os-instance-actions?limit=2&marker=\(marker)"))
            let rest = try await cloud.send(.get, "\(path)?limit=2&marker=\(marker)", at: "2.58")
            #expect(rest.json?["instanceActions"]?.arrayValue?.compactMap { $0["action"]?.stringValue } == ["create"])
            #expect(try await cloud.send(.get, "\(path)?marker=req-zzz", at: "2.58").json?["badRequest"]?["message"]
                == "Marker req-zzz could not be found.")
            #expect(try await cloud.send(.get, "\(path)?limit=1", at: "2.57").json?["instanceActions"]?.arrayValue?.count == 3)
            #expect(try await cloud.send(.get, "\(path)?changes-since=2100-01-01T00:00:00Z", at: "2.58").json?["instanceActions"] == [])
            #expect(try await cloud.send(.get, "\(path)?changes-before=2000-01-01T00:00:00Z", at: "2.65")
                .json?["instanceActions"]?.arrayValue?.count == 3, "changes-before is read from 2.66")
            #expect(try await cloud.send(.get, "\(path)?changes-before=2000-01-01T00:00:00Z", at: "2.66").json?["instanceActions"] == [])
        }
    }
}
