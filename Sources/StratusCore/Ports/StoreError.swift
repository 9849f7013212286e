import Foundation

/// Why a store operation failed. Conflicts are expected under concurrency and
/// mapped to 409 or retried; `unavailable` is a real fault.
public enum StoreError: Error, Sendable, Equatable {
    /// A uniqueness rule was broken (e.g. a second user of the same name in a domain).
    case duplicate(String)
    /// A compare-and-set update or delete found another version (or no row).
    case versionConflict(String)
    /// A referenced row does not exist (foreign key).
    case missingReference(String)
    /// A resource claim did not fit the host's remaining capacity at commit time.
    case insufficientCapacity(String)
    /// A quota check failed at commit time.
    case quotaExceeded(QuotaExceeded)
    /// The database could not be used.
    case unavailable(String)
}
