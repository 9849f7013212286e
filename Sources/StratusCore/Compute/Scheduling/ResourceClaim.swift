import Foundation

/// Resources held on a host for one instance.
///
/// The scheduler's check (`ComputeHost.canClaim`) runs on a snapshot and is only a
/// hint: another controller replica may claim the same room a moment later. The real
/// guarantee that a host is never over-committed is the store applying a claim as one
/// atomic conditional update — add `amounts` to the host's usage *only where* the sum
/// stays within `ComputeHost.limits` and no claim for `instanceID` exists yet — and
/// reporting whether it did. A refused claim sends the instance back to the scheduler
/// (or to its next alternate); it never over-commits.
public struct ResourceClaim: Sendable, Hashable {
    public var hostID: String
    public var instanceID: String
    public var amounts: ResourceAmounts

    public init(hostID: String, instanceID: String, amounts: ResourceAmounts) {
        self.hostID = hostID
        self.instanceID = instanceID
        self.amounts = amounts
    }
}

/// Why an amount does not fit on a host, per resource (for logs and tests).
public struct ClaimShortfall: Sendable, Hashable, CustomStringConvertible {
    public enum Resource: String, Sendable, Hashable {
        case vcpus = "VCPU"
        case memory = "MEMORY_MB"
        case disk = "DISK_GB"
    }

    public enum Reason: Sendable, Hashable {
        /// A negative request would free resources it never held.
        case negativeAmount
        /// One instance larger than the host's physical total: an instance may
        /// overcommit against others, never against itself (placement's `max_unit`).
        case largerThanHost(capacity: Int)
        /// Not enough left under `(capacity − reserved) × ratio`.
        case exceedsRemaining(remaining: Int)
    }

    public var resource: Resource
    public var requested: Int
    public var reason: Reason

    public init(resource: Resource, requested: Int, reason: Reason) {
        self.resource = resource
        self.requested = requested
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .negativeAmount: "\(resource.rawValue): negative request \(requested)"
        case .largerThanHost(let capacity): "\(resource.rawValue): requested \(requested) > host total \(capacity)"
        case .exceedsRemaining(let remaining): "\(resource.rawValue): requested \(requested) > remaining \(remaining)"
        }
    }
}

extension ComputeHost {
    /// Everything that stops `amounts` fitting; empty when it fits.
    public func shortfalls(for amounts: ResourceAmounts) -> [ClaimShortfall] {
        let limits = limits
        return [
            Self.shortfall(.vcpus, amounts.vcpus, capacity.vcpus, limits.vcpus, usage.vcpus),
            Self.shortfall(.memory, amounts.memoryMiB, capacity.memoryMiB, limits.memoryMiB, usage.memoryMiB),
            Self.shortfall(.disk, amounts.diskGiB, capacity.diskGiB, limits.diskGiB, usage.diskGiB),
        ].compactMap { $0 }
    }

    /// Whether `amounts` fit now: for every resource requested, `usage + amount ≤ limit`
    /// and the amount is no more than the physical total. Exactly at the limit fits.
    public func canClaim(_ amounts: ResourceAmounts) -> Bool {
        shortfalls(for: amounts).isEmpty
    }

    /// `canClaim(amounts)` for a claim addressed to this host.
    public func canClaim(_ claim: ResourceClaim) -> Bool {
        claim.hostID == id && canClaim(claim.amounts)
    }

    /// This host with `amounts` added to its usage, or nil when they do not fit. The
    /// store's conditional update is the same rule, applied atomically.
    public func claiming(_ amounts: ResourceAmounts) -> ComputeHost? {
        guard canClaim(amounts) else { return nil }
        var claimed = self
        claimed.usage += amounts
        return claimed
    }

    /// `claiming(claim.amounts)` for a claim addressed to this host; nil for another host.
    public func claiming(_ claim: ResourceClaim) -> ComputeHost? {
        claim.hostID == id ? claiming(claim.amounts) : nil
    }

    /// Overflow-safe throughout: rows come from a database and must not trap the core.
    private static func shortfall(
        _ resource: ClaimShortfall.Resource, _ requested: Int, _ capacity: Int, _ limit: Int, _ used: Int
    ) -> ClaimShortfall? {
        if requested < 0 { return ClaimShortfall(resource: resource, requested: requested, reason: .negativeAmount) }
        // Nothing asked, nothing to check (placement leaves out classes not requested):
        // a host over-committed on disk after a ratio change still takes a diskless
        // instance.
        if requested == 0 { return nil }
        if requested > capacity {
            return ClaimShortfall(resource: resource, requested: requested, reason: .largerThanHost(capacity: capacity))
        }
        let remaining = limit.subtractingReportingOverflow(used)
        let available = remaining.overflow ? (used < 0 ? Int.max : Int.min) : remaining.partialValue
        if requested > available {
            return ClaimShortfall(resource: resource, requested: requested, reason: .exceedsRemaining(remaining: available))
        }
        return nil
    }
}
