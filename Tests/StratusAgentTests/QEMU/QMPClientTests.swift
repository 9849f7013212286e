import Foundation
import Testing
@testable import StratusAgent

@Suite("QMPClient against a scripted QMP server")
struct QMPClientTests {
    @Test func negotiatesThenMatchesRepliesAndCollectsEvents() async throws {
        let server = try FakeQMPServer { command, id in
            switch command {
            case "qmp_capabilities": [#"{"return": {}, "id": \#(id)}"#]
            case "stop": [#"{"timestamp": {"seconds": 1, "microseconds": 0}, "event": "STOP"}"#, #"{"return": {}, "id": \#(id)}"#]
            case "query-status": [#"{"return": {"status": "paused", "running": false}, "id": \#(id)}"#]
            default: [#"{"id": \#(id), "error": {"class": "CommandNotFound", "desc": "The command \#(command) has not been found"}}"#]
            }
        }
        let client = try await QMPClient.connect(path: server.path, timeout: .seconds(5))
        defer { client.close() }
        #expect(await client.greeting?["version"]?["qemu"]?["major"] == .int(7))
        try await client.execute("stop")
        #expect(try await client.execute("query-status")["status"] == .string("paused"))
        #expect(await client.events.map(\.name) == ["STOP"])
        #expect(try await client.waitForEvent(named: "STOP", timeout: .seconds(1)).name == "STOP")
        await #expect(throws: QMPError.command(class: "CommandNotFound", description: "The command nope has not been found")) {
            try await client.execute("nope")
        }
    }

    @Test func aCommandWithoutAnswerTimesOut() async throws {
        let server = try FakeQMPServer { command, id in command == "qmp_capabilities" ? [#"{"return": {}, "id": \#(id)}"#] : nil }
        let client = try await QMPClient.connect(path: server.path)
        defer { client.close() }
        let started = ContinuousClock.now
        await #expect(throws: QMPError.timedOut("query-status")) {
            try await client.execute("query-status", timeout: .milliseconds(300))
        }
        #expect(ContinuousClock.now - started < .seconds(3))
    }

    @Test func aServerThatHangsUpFailsTheCommandAndLaterOnes() async throws {
        let server = try FakeQMPServer { command, id in command == "qmp_capabilities" ? [#"{"return": {}, "id": \#(id)}"#] : nil }
        let client = try await QMPClient.connect(path: server.path)
        defer { client.close() }
        await #expect(throws: QMPError.closed) { try await client.execute("hang-up", timeout: .seconds(5)) }
        await #expect(throws: QMPError.self) { try await client.execute("query-status", timeout: .seconds(5)) }
    }

    @Test func connectingWhereNothingListensFails() async {
        await #expect(throws: QMPError.self) {
            _ = try await QMPClient.connect(path: NSTemporaryDirectory() + "no-such-qmp.sock")
        }
    }
}
