import Foundation

/// Where CPU-heavy work (password hashing) runs, so it never occupies the
/// threads that serve requests. Bounded: when its queue is full it refuses at
/// once instead of letting work pile up.
public protocol CPUWorkPool: Sendable {
    func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws(CPUWorkPoolBusy) -> T
}

/// The pool's queue is full: try again in `retryAfter` seconds.
public struct CPUWorkPoolBusy: Error, Sendable, Equatable {
    public var retryAfter: Int
    public init(retryAfter: Int) { self.retryAfter = retryAfter }
}

/// Runs the work on the caller's task: for tests and tools, where there are no
/// other requests to starve.
public struct InlineWorkPool: CPUWorkPool {
    public init() {}
    public func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws(CPUWorkPoolBusy) -> T { work() }
}
