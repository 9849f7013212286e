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

/// Runs `body` again when a concurrent writer won a compare-and-set (the read it
/// decided on is stale), up to `attempts` times; the last conflict becomes `exhausted`.
func retryingVersionConflicts<T>(
    attempts: Int = 8, exhausted: (String) -> any Error, _ body: () async throws -> T
) async throws -> T {
    for _ in 1..<attempts {
        do {
            return try await body()
        } catch StoreError.versionConflict {
            continue
        }
    }
    do {
        return try await body()
    } catch StoreError.versionConflict(let detail) {
        throw exhausted(detail)
    }
}
