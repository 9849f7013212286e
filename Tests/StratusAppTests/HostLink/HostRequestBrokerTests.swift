import Foundation
import StratusApp
import StratusHostProtocol
import Testing

@Suite("Host request broker: queues, long polls, answers, timeouts")
struct HostRequestBrokerTests {
    static let action = HostRequest.Action.consoleOutput(instanceId: "i", lines: nil)

    @Test("a waiting poll is woken by a request; the answer reaches the asker")
    func pollIsWoken() async throws {
        let broker = HostRequestBroker(answerTimeout: .seconds(30))
        let poll = Task { await broker.take(hostName: "a", wait: .seconds(30)) }
        try await Task.sleep(for: .milliseconds(50))
        let asker = Task { try await broker.ask(hostName: "a", Self.action) }
        let started = ContinuousClock.now
        let taken = await poll.value
        #expect(ContinuousClock.now - started < .seconds(5))
        let request = try #require(taken.first)
        #expect(request.action == Self.action)
        #expect(await broker.take(hostName: "a", wait: .zero).isEmpty)  // delivered once
        try await broker.answer(hostName: "a", HostRequestAnswer(requestId: request.requestId, outcome: .output("ok")))
        #expect(try await asker.value == .output("ok"))
    }

    @Test("another host neither sees nor answers a request")
    func otherHostsAreRefused() async throws {
        let broker = HostRequestBroker(answerTimeout: .seconds(30))
        let asker = Task { try await broker.ask(hostName: "a", Self.action) }
        var taken: [HostRequest] = []
        while taken.isEmpty {
            #expect(await broker.take(hostName: "b", wait: .zero).isEmpty)
            taken = await broker.take(hostName: "a", wait: .milliseconds(100))
        }
        let id = taken[0].requestId
        await #expect(throws: HostRequestBroker.UnknownRequest.self) {
            try await broker.answer(hostName: "b", HostRequestAnswer(requestId: id, outcome: .output("forged")))
        }
        try await broker.answer(hostName: "a", HostRequestAnswer(requestId: id, outcome: .error("no such guest")))
        #expect(try await asker.value == .error("no such guest"))
    }

    @Test("no answer within the timeout: the asker gets timedOut and the request is dropped")
    func timesOut() async throws {
        let broker = HostRequestBroker(answerTimeout: .milliseconds(200))
        await #expect(throws: HostRequestBroker.Failure.timedOut(hostName: "a", after: .milliseconds(200))) {
            _ = try await broker.ask(hostName: "a", Self.action)
        }
        #expect(await broker.take(hostName: "a", wait: .zero).isEmpty)
    }

    @Test("a cancelled asker drops its request; a cancelled poll takes nothing")
    func cancellation() async throws {
        let broker = HostRequestBroker(answerTimeout: .seconds(30))
        let asker = Task { try await broker.ask(hostName: "a", Self.action) }
        try await Task.sleep(for: .milliseconds(50))
        asker.cancel()
        await #expect(throws: CancellationError.self) { _ = try await asker.value }
        #expect(await broker.take(hostName: "a", wait: .zero).isEmpty)

        let poll = Task { await broker.take(hostName: "a", wait: .seconds(30)) }
        try await Task.sleep(for: .milliseconds(50))
        let started = ContinuousClock.now
        poll.cancel()
        #expect(await poll.value.isEmpty)
        #expect(ContinuousClock.now - started < .seconds(5))
    }
}
