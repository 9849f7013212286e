import Foundation
import StratusHostProtocol

/// The agent's end of controller → host requests (console reads): it long-polls
/// the controller for its requests (the controller never connects to a host),
/// runs each against the driver concurrently and posts the answer. A driver's
/// failure is answered as the error outcome, never dropped; a failed poll is
/// retried after a back-off. Runs beside `HostAgent.run` until its task is cancelled.
public struct HostRequestServer: Sendable {
    let client: HostLinkClient
    let driver: any HypervisorDriver
    /// How long one poll waits for requests (the controller caps it at `HostProtocol.maxWait`).
    let pollWait: Duration

    public init(client: HostLinkClient, driver: any HypervisorDriver, pollWait: Duration = HostProtocol.maxWait) {
        self.client = client
        self.driver = driver
        self.pollWait = pollWait
    }

    public func run(onError: @escaping @Sendable (any Error) -> Void = { _ in }) async {
        await withDiscardingTaskGroup { group in
            var backoff = PollBackoff()
            while !Task.isCancelled {
                do {
                    let started = ContinuousClock.now
                    let requests = try await poll()
                    backoff.reset()
                    for request in requests {
                        group.addTask { await serve(request, onError: onError) }
                    }
                    // Nothing within a second (a stopping controller, a short wait): a pause, so the loop never spins.
                    if requests.isEmpty, ContinuousClock.now - started < PollBackoff.first {
                        try? await Task.sleep(for: PollBackoff.first)  // cancelled: the loop ends
                    }
                } catch {
                    if Task.isCancelled { return }
                    onError(error)
                    try? await Task.sleep(for: backoff.next())  // cancelled: the loop ends
                }
            }
        }
    }

    private func poll() async throws -> [HostRequest] {
        let seconds = max(0, min(pollWait.components.seconds, HostProtocol.maxWait.components.seconds))
        return try await client.call(
            .GET, HostProtocol.Path.requests, query: [("wait", String(seconds))],
            as: HostRequestsPage.self, timeout: .seconds(seconds + 30)
        ).requests
    }

    private func serve(_ request: HostRequest, onError: @Sendable (any Error) -> Void) async {
        let answer = HostRequestAnswer(requestId: request.requestId, outcome: await outcome(of: request.action))
        // A few tries for a lost connection; the controller waits only seconds, and
        // refuses (4xx) an answer it no longer waits for.
        for attempt in 1...3 {
            do {
                _ = try await client.call(
                    .POST, HostProtocol.Path.answer(requestId: request.requestId), body: answer,
                    as: HostLinkClient.Empty.self, timeout: .seconds(30))
                return
            } catch let refused as HostLinkCallFailed where (400..<500).contains(refused.status) {
                onError(refused)
                return
            } catch {
                onError(error)
                if attempt < 3, (try? await Task.sleep(for: .seconds(1))) == nil { return }
            }
        }
    }

    private func outcome(of action: HostRequest.Action) async -> HostRequestAnswer.Outcome {
        switch action {
        case .consoleOutput(let instanceID, let lines):
            do {
                return .output(try await driver.consoleOutput(instanceID: instanceID, lines: lines))
            } catch let error as DriverError {
                return .error(error.message)
            } catch {
                return .error(String(describing: error))
            }
        }
    }
}

/// Waits between failed polls: 1 s, doubling to 30 s; a success starts over.
struct PollBackoff: Sendable {
    static let first: Duration = .seconds(1)
    static let most: Duration = .seconds(30)
    private var current = first

    mutating func next() -> Duration {
        defer { current = min(current * 2, Self.most) }
        return current
    }

    mutating func reset() { current = Self.first }
}
