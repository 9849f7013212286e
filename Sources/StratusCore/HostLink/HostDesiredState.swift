import Foundation

/// A host's desired state as its agent reads it: page by page, and watched. A
/// host that asks `since` the revision it holds is answered when something rang
/// for it, or "unchanged" after the wait, so an idle host costs an open request
/// instead of a read of its servers. Wakeups are only a hint (a lost one costs
/// the agent's periodic full read, never correctness): every change rings the
/// host's `WakeupSignal`, whose count is the revision.
public struct HostDesiredState: Sendable {
    let store: any ComputeStore
    let wakeups: ReconcileWakeups
    /// Revisions of an earlier controller process never match this one's.
    let epoch: String

    public init(store: any ComputeStore, wakeups: ReconcileWakeups, epoch: String = UUID().uuidString.lowercased()) {
        self.store = store
        self.wakeups = wakeups
        self.epoch = epoch
    }

    public struct Page: Sendable, Equatable {
        public var revision: String
        public var unchanged: Bool
        public var guests: [HostGuest]
        public var nextCursor: String?
    }

    /// The page after `cursor` (nil: the first). On a first page asked `since`
    /// the current revision, waits up to `wait` for a change first.
    public func page(hostID: String, since: String?, cursor: String?, limit: Int, wait: Duration) async throws -> Page {
        let signal = wakeups.host(hostID)
        var revision = self.revision(signal)
        if cursor == nil, let since, since == revision, wait > .zero {
            let deadline = ContinuousClock.now + wait
            while revision == since, !Task.isCancelled {
                let remaining = deadline - ContinuousClock.now
                guard remaining > .zero else { break }
                _ = await signal.wait(timeout: remaining)
                revision = self.revision(signal)
            }
            if revision == since { return Page(revision: revision, unchanged: true, guests: [], nextCursor: nil) }
        }
        // The revision is taken before the read: a change during it rings a newer one.
        let size = max(1, limit)
        let instances = try await store.instances(hostID: hostID, after: cursor, limit: size + 1)
        let guests = instances.prefix(size).map(HostGuest.init)
        return Page(
            revision: revision, unchanged: false, guests: Array(guests),
            nextCursor: instances.count > size ? guests.last?.id : nil)
    }

    private func revision(_ signal: WakeupSignal) -> String { "\(epoch).\(signal.generation)" }
}
