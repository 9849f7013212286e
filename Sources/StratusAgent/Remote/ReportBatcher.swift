import Foundation
import StratusHostProtocol

/// Gathers the reports an agent's parallel steps make into one call: the first
/// report waits `window` for others, then the batch goes out and each sender is
/// answered with its own outcome (a refused report throws its reason to the step
/// that made it, which retries on the next pass).
actor ReportBatcher {
    private let window: Duration
    private let send: @Sendable (HostReportBatch) async throws -> HostReportResults
    private var pending: [(HostReport, CheckedContinuation<Void, any Error>)] = []
    private var flushScheduled = false

    init(window: Duration = .milliseconds(20), send: @escaping @Sendable (HostReportBatch) async throws -> HostReportResults) {
        self.window = window
        self.send = send
    }

    func submit(_ report: HostReport) async throws {
        try await withCheckedThrowingContinuation { continuation in
            pending.append((report, continuation))
            if pending.count >= HostReportBatch.maxReports {
                let batch = take()
                Task { await self.deliver(batch) }
            } else if !flushScheduled {
                flushScheduled = true
                Task {
                    try? await Task.sleep(for: window)
                    await self.flush()
                }
            }
        }
    }

    private func flush() async {
        flushScheduled = false
        let batch = take()
        guard !batch.isEmpty else { return }
        await deliver(batch)
    }

    private func take() -> [(HostReport, CheckedContinuation<Void, any Error>)] {
        defer { pending = [] }
        return pending
    }

    private func deliver(_ batch: [(HostReport, CheckedContinuation<Void, any Error>)]) async {
        do {
            let answer = try await send(HostReportBatch(reports: batch.map(\.0)))
            for (index, (_, continuation)) in batch.enumerated() {
                guard index < answer.results.count else {
                    continuation.resume(throwing: HostLinkCallFailed(
                        status: 200, code: "short_answer", message: "the controller answered \(answer.results.count) of \(batch.count) reports"))
                    continue
                }
                let outcome = answer.results[index]
                if outcome.accepted {
                    continuation.resume()
                } else {
                    continuation.resume(throwing: HostLinkCallFailed(
                        status: 200, code: "report_refused", message: outcome.reason ?? "refused without a reason"))
                }
            }
        } catch {
            for (_, continuation) in batch { continuation.resume(throwing: error) }
        }
    }
}
