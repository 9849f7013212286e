import Foundation
import StratusAgent
import StratusApp
import StratusCore
import StratusHostProtocol
import Testing

/// `os-getConsoleOutput` of a remote host's server: the controller queues a
/// request, the host's agent takes it by long poll and posts the answer.
@Suite("Remote hosts: console output over host requests")
struct RemoteConsoleTests {
    static func consoleAction(_ id: String) -> String { "/compute/v2.1/servers/\(id)/action" }

    @Test("the API shows the remote guest's console, cut to the asked length")
    func consoleOverTheLink() async throws {
        try await RemoteHostWorld.run { world in
            let credentials = try await world.enroll("remote-1")
            let admin = try await world.cloud.token()
            let driver = SimulatedDriver()
            try await world.withAgent("remote-1", credentials: credentials, driver: driver) { _ in
                let id = try await ServersHTTPTests.create(world.cloud, admin, name: "console-remote")
                try await world.waitFor(id, "ACTIVE", token: admin)
                let reply = try await world.cloud.send(.post, Self.consoleAction(id), token: admin, json: ["os-getConsoleOutput": ["length": 5]])
                try #require(reply.status == .ok, "\(reply.status) \(String(describing: reply.json))")
                let output = try #require(reply.json?["output"]?.stringValue)
                let whole = try await driver.consoleOutput(instanceID: id, lines: nil)
                let expected = whole.split(separator: "\n", omittingEmptySubsequences: false).suffix(5).joined(separator: "\n")
                #expect(!output.isEmpty)
                #expect(output == expected)
            }
        }
    }

    @Test("a host takes and answers its own requests only")
    func requestsAreTheHostsOwn() async throws {
        try await RemoteHostWorld.run { world in
            let first = try await world.enroll("remote-a")
            let second = try await world.enroll("remote-b")
            let admin = try await world.cloud.token()
            try await world.withAgent("remote-a", credentials: first, serveRequests: false) { hostA in
                let id = try await ServersHTTPTests.create(world.cloud, admin)
                try await world.waitFor(id, "ACTIVE", token: admin)
                let asking = Task {
                    try await world.cloud.send(.post, Self.consoleAction(id), token: admin, json: ["os-getConsoleOutput": ["length": nil]])
                }
                let hostB = try world.client(second)
                let seenByB = try await hostB.call(.GET, HostProtocol.Path.requests, query: [("wait", "1")], as: HostRequestsPage.self)
                #expect(seenByB.requests.isEmpty)
                let taken = try await hostA.call(.GET, HostProtocol.Path.requests, query: [("wait", "2")], as: HostRequestsPage.self)
                let request = try #require(taken.requests.first)
                #expect(taken.requests.count == 1)
                #expect(request.action == .consoleOutput(instanceId: id, lines: nil))

                let forged = HostRequestAnswer(requestId: request.requestId, outcome: .output("not A's console\n"))
                try await Self.expectStatus(404) {
                    _ = try await hostB.call(.POST, HostProtocol.Path.answer(requestId: request.requestId), body: forged, as: HostLinkClient.Empty.self)
                }
                try await Self.expectStatus(404) {
                    let made = HostRequestAnswer(requestId: "no-such-request", outcome: .output("x"))
                    _ = try await hostA.call(.POST, HostProtocol.Path.answer(requestId: "no-such-request"), body: made, as: HostLinkClient.Empty.self)
                }
                let real = HostRequestAnswer(requestId: request.requestId, outcome: .output("tick 1\ntick 2\n"))
                _ = try await hostA.call(.POST, HostProtocol.Path.answer(requestId: request.requestId), body: real, as: HostLinkClient.Empty.self)
                let reply = try await asking.value
                #expect(reply.status == .ok)
                #expect(reply.json?["output"]?.stringValue == "tick 1\ntick 2\n")
                // Answered once: a second answer finds nothing waiting.
                try await Self.expectStatus(404) {
                    _ = try await hostA.call(.POST, HostProtocol.Path.answer(requestId: request.requestId), body: real, as: HostLinkClient.Empty.self)
                }
            }
        }
    }

    @Test("a host that takes a request and never answers: the API answers 500 with the reason at the timeout")
    func unansweredRequestTimesOut() async throws {
        try await RemoteHostWorld.run(requestTimeout: .seconds(3)) { world in
            let credentials = try await world.enroll("remote-1")
            let admin = try await world.cloud.token()
            try await world.withAgent("remote-1", credentials: credentials, serveRequests: false) { host in
                let id = try await ServersHTTPTests.create(world.cloud, admin)
                try await world.waitFor(id, "ACTIVE", token: admin)
                // Takes whatever comes and keeps silent.
                let silent = Task { try await host.call(.GET, HostProtocol.Path.requests, query: [("wait", "10")], as: HostRequestsPage.self) }
                let started = ContinuousClock.now
                let reply = try await world.cloud.send(.post, Self.consoleAction(id), token: admin, json: ["os-getConsoleOutput": ["length": 5]])
                let took = ContinuousClock.now - started
                #expect(reply.status == .internalServerError)
                let message = reply.json?["computeFault"]?["message"]?.stringValue ?? ""
                #expect(message.contains("did not answer within 3 seconds"), "\(String(describing: reply.json))")
                #expect(!message.contains("remote-1"))
                // Answered at the timeout, not hung (the bound is loose: a loaded machine is slow).
                #expect(took >= .seconds(2) && took < .seconds(60))
                let taken = try await silent.value
                let request = try #require(taken.requests.first)
                // The request was dropped: a late answer is refused.
                try await Self.expectStatus(404) {
                    let late = HostRequestAnswer(requestId: request.requestId, outcome: .output("late\n"))
                    _ = try await host.call(.POST, HostProtocol.Path.answer(requestId: request.requestId), body: late, as: HostLinkClient.Empty.self)
                }
            }
        }
    }

    @Test("a driver's failure reaches the API as its reason")
    func driverFailureIsAnswered() async throws {
        try await RemoteHostWorld.run { world in
            let credentials = try await world.enroll("remote-1")
            let admin = try await world.cloud.token()
            let driver = SimulatedDriver()
            try await world.withAgent("remote-1", credentials: credentials, driver: driver) { _ in
                let id = try await ServersHTTPTests.create(world.cloud, admin)
                try await world.waitFor(id, "ACTIVE", token: admin)
                await driver.injectFailure(.consoleOutput)
                let reply = try await world.cloud.send(.post, Self.consoleAction(id), token: admin, json: ["os-getConsoleOutput": ["length": 5]])
                #expect(reply.status == .conflict)
                let message = reply.json?["conflictingRequest"]?["message"]?.stringValue ?? ""
                #expect(message.contains("Injected failure of"), "\(String(describing: reply.json))")
            }
        }
    }

    @Test("request calls refuse a bad wait, a malformed or mismatched answer and a call without a certificate")
    func refusals() async throws {
        try await RemoteHostWorld.run { world in
            let host = try world.client(try await world.enroll("remote-1"))
            for wait in ["61", "-1", "x"] {
                try await Self.expectStatus(400) {
                    _ = try await host.call(.GET, HostProtocol.Path.requests, query: [("wait", wait)], as: HostRequestsPage.self)
                }
            }
            let path = HostProtocol.Path.answer(requestId: "r1")
            let malformed = try await host.rawExchange(
                .POST, path, headers: [(HostProtocol.versionHeader, "1"), ("Content-Type", "application/json")],
                body: Array(#"{"request_id":"r1","outcome":"maybe","output":"x"}"#.utf8))
            #expect(malformed.status == 400)
            try await Self.expectStatus(400) {
                _ = try await host.call(.POST, path, body: HostRequestAnswer(requestId: "r2", outcome: .output("x")), as: HostLinkClient.Empty.self)
            }
            try await Self.expectStatus(401) {
                _ = try await world.client(nil).call(.GET, HostProtocol.Path.requests, as: HostRequestsPage.self)
            }
        }
    }

    static func expectStatus(_ status: Int, _ call: () async throws -> Void) async throws {
        do {
            try await call()
            Issue.record("expected \(status), the call succeeded")
        } catch let error as HostLinkCallFailed {
            #expect(error.status == status, "\(error)")
        }
    }
}
