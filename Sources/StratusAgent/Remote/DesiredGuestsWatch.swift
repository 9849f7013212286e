import Foundation
import StratusCore
import StratusHostProtocol

/// The agent's copy of its desired guests, kept by watching: a wait asks the
/// controller for changes since the revision held (answered at a change, or
/// "unchanged" after the wait), and a pass reads the copy. A full read happens
/// at the start, after any change, and every `fullReadInterval` even without one
/// (wakeups are hints; this is what makes a lost one harmless).
actor DesiredGuestsWatch {
    private let client: HostLinkClient
    private let fullReadInterval: Duration
    private var revision: String?
    private var guests: [HostGuest] = []
    private var lastFullRead: ContinuousClock.Instant?
    /// A change was announced and not read yet.
    private var stale = true
    /// Counts `invalidate` calls: one that comes while a read is under way (the actor
    /// is reentrant at its awaits) keeps the copy stale.
    private var invalidations = 0

    init(client: HostLinkClient, fullReadInterval: Duration = .seconds(60)) {
        self.client = client
        self.fullReadInterval = fullReadInterval
    }

    /// The guests as last read, read again first if they may have changed.
    func current() async throws -> [HostGuest] {
        let due = lastFullRead.map { ContinuousClock.now - $0 >= fullReadInterval } ?? true
        if stale || due { try await readAll() }
        return guests
    }

    /// The copy no longer holds: the host reported something that changes its own
    /// desired state (a task done), which the controller does not ring it for.
    func invalidate() {
        stale = true
        invalidations += 1
    }

    /// Returns when something changed for this host, or after `timeout`.
    func waitForChange(timeout: Duration) async throws {
        guard let revision, !stale else { return }
        let seconds = max(0, min(Int(timeout.components.seconds), Int(HostProtocol.maxWait.components.seconds)))
        let page = try await client.call(
            .GET, HostProtocol.Path.desiredGuests,
            query: [("since", revision), ("wait", String(seconds)), ("limit", "1")],
            as: DesiredGuestsPage.self, timeout: .seconds(Int64(seconds) + 30))
        if !page.unchanged { stale = true }
    }

    private func readAll() async throws {
        let invalidationsBefore = invalidations
        var cursor: String?
        var read: [HostGuest] = []
        var first: String?
        repeat {
            var query = [("limit", String(HostProtocol.maxPageSize))]
            if let cursor { query.append(("cursor", cursor)) }
            let page = try await client.call(.GET, HostProtocol.Path.desiredGuests, query: query, as: DesiredGuestsPage.self)
            if first == nil { first = page.revision }
            read += try page.guests.map(HostGuest.init)
            cursor = page.nextCursor
        } while cursor != nil
        guests = read
        revision = first
        stale = invalidations != invalidationsBefore
        lastFullRead = .now
    }
}
