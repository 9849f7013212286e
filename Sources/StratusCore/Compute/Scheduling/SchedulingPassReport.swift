import Foundation

/// What one scheduling pass did, server by server, so the reconciler can log each
/// refusal and failure with its server and reason instead of one error for the pass.
public struct SchedulingPassReport: Sendable, Equatable {
    /// One server the pass could not place.
    public struct Outcome: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// The filters refused every host: ERROR with Nova's fault, the tally in its details.
            case noValidHost
            /// Anything else that will not change by retrying: ERROR with the reason.
            case failed
            /// The store could not be used; the server stays unplaced for the next pass.
            case deferred
        }

        public var instanceID: String
        public var kind: Kind
        public var reason: String

        public init(instanceID: String, kind: Kind, reason: String) {
            self.instanceID = instanceID
            self.kind = kind
            self.reason = reason
        }
    }

    public var placed: [String] = []
    public var refused: [Outcome] = []

    public init() {}

    /// Servers the pass settled (placed or ended in ERROR): more may be waiting while
    /// this is non-zero. Deferred ones are not counted, so a broken store ends the drain.
    public var handled: Int { placed.count + refused.filter { $0.kind != .deferred }.count }
}
