import Foundation

/// What happens to a guest a host runs whose instance id the control plane has
/// never heard of — after a restore, the guests of servers created after the
/// backup (`stratus serve --stray-guests`). Leftovers of servers it knows
/// (deleted, moved, a failed build) are always destroyed: that is cleanup, not policy.
public enum StrayGuestPolicy: String, Sendable, Equatable, CaseIterable {
    /// Make it a server again, owned by the project and user its host recorded;
    /// one the host cannot describe is left running and reported every pass.
    case adopt
    /// Destroy it, recording the decision in the audit log.
    case destroy
}

/// A guest on a host that none of the host's live instances claims.
public struct UnclaimedGuest: Sendable, Equatable {
    public var instanceID: String
    public var power: PowerState
    /// What the host keeps about it; nil when it keeps nothing (or could not read it).
    public var record: GuestRecord?

    public init(instanceID: String, power: PowerState, record: GuestRecord? = nil) {
        self.instanceID = instanceID
        self.power = power
        self.record = record
    }
}

/// What the host's agent does with an unclaimed guest.
public enum StrayGuestVerdict: Sendable, Equatable {
    case destroy
    /// Now a server of this host: the next pass converges it like any other.
    case adopted
    /// Left alone; asked about again at the next pass.
    case keep
}

/// One unclaimed guest's verdict and why, for the log.
public struct StrayGuestDecision: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// A server the control plane knows left it (deleted, moved, a failed build).
        case leftover
        /// No server ever had this id here: the policy decides.
        case unknown
        /// A server of this host claims it after all (placed since the pass began).
        case claimed
    }

    public var instanceID: String
    public var kind: Kind
    public var verdict: StrayGuestVerdict
    /// The policy applied; nil for leftovers and claimed guests, which no policy decides.
    public var policy: StrayGuestPolicy?
    public var reason: String

    public init(instanceID: String, kind: Kind, verdict: StrayGuestVerdict, policy: StrayGuestPolicy?, reason: String) {
        self.instanceID = instanceID
        self.kind = kind
        self.verdict = verdict
        self.policy = policy
        self.reason = reason
    }
}
