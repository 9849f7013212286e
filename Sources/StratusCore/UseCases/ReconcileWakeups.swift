import Foundation

/// Level-triggered reconcilers poll; wakeups only shorten the wait. A lost
/// wakeup costs one poll interval, never correctness, so a coalescing signal
/// is enough: many rings before a wait count as one.
public final class WakeupSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var pending = false
    private var waiters: [UInt64: CheckedContinuation<Bool, Never>] = [:]
    private var nextWaiter: UInt64 = 0
    private var rings: UInt64 = 0

    public init() {}

    /// How many times it rang: a watcher that saw this number has seen every
    /// change rung before it.
    public var generation: UInt64 { lock.withLock { rings } }

    public func ring() {
        let woken = lock.withLock {
            rings &+= 1
            let all = waiters
            waiters = [:]
            if all.isEmpty { pending = true }
            return all.values
        }
        woken.forEach { $0.resume(returning: true) }
    }

    /// Returns true at the next ring (or at once if one came since the last
    /// wait), false after `timeout` or when the task is cancelled.
    public func wait(timeout: Duration) async -> Bool {
        let id = lock.withLock {
            nextWaiter &+= 1
            return nextWaiter
        }
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            self?.resume(id, with: false)
        }
        defer { timer.cancel() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let ready = lock.withLock {
                    if pending {
                        pending = false
                        return true
                    }
                    waiters[id] = continuation
                    return false
                }
                if ready { continuation.resume(returning: true) }
            }
        } onCancel: {
            resume(id, with: false)
        }
    }

    private func resume(_ id: UInt64, with value: Bool) {
        let waiter = lock.withLock { waiters.removeValue(forKey: id) }
        waiter?.resume(returning: value)
    }
}

/// The wakeups of the controller's scheduler and of each host's agent.
public final class ReconcileWakeups: @unchecked Sendable {
    private let lock = NSLock()
    private var hosts: [String: WakeupSignal] = [:]
    public let scheduler = WakeupSignal()

    public init() {}

    public func host(_ hostID: String) -> WakeupSignal {
        lock.withLock {
            if let signal = hosts[hostID] { return signal }
            let signal = WakeupSignal()
            hosts[hostID] = signal
            return signal
        }
    }
}
