import Foundation

/// A live migration in flight. The instance stays on its source (`hostID`) until
/// the source's hypervisor reports the transfer complete; each phase is one
/// commit, and each host's agent acts on the phase it sees (`HostStep`):
///
///     preparing ──target listens──▶ listening ──source's QEMU: completed──▶ transferred ──target runs it──▶ (done)
///        │                              │
///        └──────── either fails: the instance stays on the source, running ────────┘
///
/// The destination holds its own claim (`PendingMigration.claimID`) from the
/// start, so the room is there when the guest arrives; the source's claim is
/// handed back only when the move is finished. The source's report of the
/// transfer carries the guest's console so far (`consoleHistory`), which the
/// destination keeps before what the guest writes there.
public struct LiveMigration: Sendable, Equatable {
    public enum Phase: String, Sendable, CaseIterable {
        /// The destination has been chosen and claimed; its agent starts a guest
        /// that waits for the incoming state.
        case preparing
        /// The destination listens at `incomingURI`; the source's agent sends.
        case listening
        /// The guest's state arrived and the instance is on the destination; its
        /// agent checks the guest runs, then the migration is over.
        case transferred
    }

    public var sourceHostID: String
    public var sourceHostName: String
    public var targetHostID: String
    public var targetHostName: String
    public var phase: Phase
    /// Where the destination's hypervisor listens (`tcp:address:port`), reported by its agent.
    public var incomingURI: String?
    /// Both ends encrypt the stream (TLS with the cloud's host certificates).
    public var tls: Bool
    public var startedAt: Date
    /// What the guest's console showed on the source when it left, reported with the
    /// transfer; the destination's agent keeps it before the guest's new output.
    public var consoleHistory: ConsoleHistory?

    public init(
        sourceHostID: String, sourceHostName: String, targetHostID: String, targetHostName: String,
        phase: Phase = .preparing, incomingURI: String? = nil, tls: Bool, startedAt: Date,
        consoleHistory: ConsoleHistory? = nil
    ) {
        self.sourceHostID = sourceHostID
        self.sourceHostName = sourceHostName
        self.targetHostID = targetHostID
        self.targetHostName = targetHostName
        self.phase = phase
        self.incomingURI = incomingURI
        self.tls = tls
        self.startedAt = startedAt
        self.consoleHistory = consoleHistory
    }

    /// The other host involved, seen from the instance's current host: the
    /// destination until the transfer, then the source (which still has to
    /// clean up its stopped copy).
    public func peer(of hostID: String?) -> String {
        hostID == targetHostID ? sourceHostID : targetHostID
    }
}
