import Foundation
import StratusCore

#if canImport(Glibc)
import Glibc
#endif

/// Threads of their own for CPU-heavy work (password hashing), outside Swift's
/// cooperative pool and at a lower scheduling priority, with a bounded queue:
/// a flood of logins waits here or is refused at once, while every other
/// request keeps the request threads and most of the CPU.
final class DedicatedWorkPool: CPUWorkPool, @unchecked Sendable {
    private typealias Job = @Sendable () -> Void

    // Guarded by `condition`.
    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var queued = 0

    private let queueLimit: Int
    private let threadCount: Int
    /// A rough cost of one job, for `Retry-After` (a PBKDF2 verification is ~0.4 s).
    private let secondsPerJob: Double

    init(threads: Int, queueLimit: Int, secondsPerJob: Double = 0.5, niceness: Int32 = 10) {
        threadCount = max(1, threads)
        self.queueLimit = max(1, queueLimit)
        self.secondsPerJob = secondsPerJob
        for index in 0..<threadCount {
            let thread = Thread { [self] in
                Self.lowerPriority(by: niceness)
                drain()
            }
            thread.name = "stratus-cpu-\(index)"
            thread.start()
        }
    }

    func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws(CPUWorkPoolBusy) -> T {
        try admit()
        return await withCheckedContinuation { continuation in
            enqueue { continuation.resume(returning: work()) }
        }
    }

    /// Takes a place in the queue, or refuses with the time the queue needs to drain.
    private func admit() throws(CPUWorkPoolBusy) {
        condition.lock()
        defer { condition.unlock() }
        guard queued < queueLimit else {
            let seconds = Double(queued) * secondsPerJob / Double(threadCount)
            throw CPUWorkPoolBusy(retryAfter: max(1, Int(min(seconds.rounded(.up), 60))))
        }
        queued += 1
    }

    private func enqueue(_ job: @escaping Job) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func drain() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
            condition.lock()
            queued -= 1
            condition.unlock()
        }
    }

    /// On Linux a thread is a task of its own: `setpriority` with id 0 renices
    /// only the calling thread.
    private static func lowerPriority(by niceness: Int32) {
        #if os(Linux)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
        #endif
    }
}
