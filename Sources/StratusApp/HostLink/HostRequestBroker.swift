import Foundation
import StratusHostProtocol

/// Controller → remote host requests without the controller ever connecting to
/// a host: each request waits in its host's queue until that host's long poll
/// (`GET /host/v1/requests`) takes it, and the asker waits for the answer the
/// host posts, at most `answerTimeout`. A request is delivered at most once; one
/// lost on the way (a dropped poll) ends in the asker's timeout, never a hang.
public actor HostRequestBroker {
    /// Why an asker got no answer.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case timedOut(hostName: String, after: Duration)

        public var description: String {
            switch self {
            case .timedOut(let host, let after):
                "host \(host) did not answer within \(after.components.seconds) seconds"
            }
        }
    }

    /// An answer for an id that is not a pending request of the answering host.
    public struct UnknownRequest: Error, Sendable {}

    private struct Pending {
        var hostName: String
        var request: HostRequest
        var taken = false
        var continuation: CheckedContinuation<HostRequestAnswer.Outcome, any Error>
        var timer: Task<Void, Never>?
    }

    private struct Poll {
        var continuation: CheckedContinuation<Void, Never>
        var timer: Task<Void, Never>?
    }

    public let answerTimeout: Duration
    private var pending: [String: Pending] = [:]
    /// Request ids per host, oldest first, not taken yet.
    private var queues: [String: [String]] = [:]
    private var polls: [String: [Int: Poll]] = [:]
    private var nextPoll = 0

    public init(answerTimeout: Duration = .seconds(10)) {
        self.answerTimeout = answerTimeout
    }

    /// Queues `action` for `hostName` and waits for its answer (or the timeout,
    /// or the caller's cancellation, which drop the request).
    public func ask(hostName: String, _ action: HostRequest.Action) async throws -> HostRequestAnswer.Outcome {
        try Task.checkCancellation()
        let id = UUID().uuidString.lowercased()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let timeout = answerTimeout
                let timer = Task { [weak self] in
                    guard (try? await Task.sleep(for: timeout)) != nil else { return }  // cancelled: answered
                    await self?.finish(id, with: .failure(Failure.timedOut(hostName: hostName, after: timeout)))
                }
                pending[id] = Pending(
                    hostName: hostName, request: HostRequest(requestId: id, action: action), continuation: continuation, timer: timer)
                queues[hostName, default: []].append(id)
                wakePolls(of: hostName)
            }
        } onCancel: {
            Task { await self.finish(id, with: .failure(CancellationError())) }
        }
    }

    /// The long poll: the host's waiting requests, at once when there are some,
    /// else whatever came within `wait` (often nothing). A cancelled poll (the
    /// listener stopping) takes nothing, so the requests stay for the next one.
    public func take(hostName: String, wait: Duration) async -> [HostRequest] {
        if queues[hostName, default: []].isEmpty, wait > .zero {
            let number = nextPoll
            nextPoll += 1
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    let timer = Task { [weak self] in
                        guard (try? await Task.sleep(for: wait)) != nil else { return }  // cancelled: woken
                        await self?.endPoll(number, of: hostName)
                    }
                    polls[hostName, default: [:]][number] = Poll(continuation: continuation, timer: timer)
                }
            } onCancel: {
                Task { await self.endPoll(number, of: hostName) }
            }
        }
        guard !Task.isCancelled else { return [] }
        let ids = queues.removeValue(forKey: hostName) ?? []
        return ids.compactMap { id in
            pending[id]?.taken = true
            return pending[id]?.request
        }
    }

    /// Delivers a host's answer to its asker. Only the host the request was
    /// queued for can answer it: any other id is `UnknownRequest`.
    public func answer(hostName: String, _ answer: HostRequestAnswer) throws {
        guard let request = pending[answer.requestId], request.hostName == hostName, request.taken else {
            throw UnknownRequest()
        }
        finish(answer.requestId, with: .success(answer.outcome))
    }

    private func finish(_ id: String, with result: Result<HostRequestAnswer.Outcome, any Error>) {
        guard let request = pending.removeValue(forKey: id) else { return }
        request.timer?.cancel()
        queues[request.hostName]?.removeAll { $0 == id }
        if queues[request.hostName]?.isEmpty == true { queues[request.hostName] = nil }
        request.continuation.resume(with: result)
    }

    private func wakePolls(of hostName: String) {
        for number in polls[hostName, default: [:]].keys { endPoll(number, of: hostName) }
    }

    private func endPoll(_ number: Int, of hostName: String) {
        guard let poll = polls[hostName]?.removeValue(forKey: number) else { return }
        if polls[hostName]?.isEmpty == true { polls[hostName] = nil }
        poll.timer?.cancel()
        poll.continuation.resume()
    }
}
