import StratusCore
import StratusStore
import Testing

/// The case of a StoreError without its message, for comparisons.
enum StoreErrorKind: Equatable {
    case duplicate, versionConflict, missingReference, insufficientCapacity, quotaExceeded, unavailable

    init(_ error: StoreError) {
        switch error {
        case .duplicate: self = .duplicate
        case .versionConflict: self = .versionConflict
        case .missingReference: self = .missingReference
        case .insufficientCapacity: self = .insufficientCapacity
        case .quotaExceeded: self = .quotaExceeded
        case .unavailable: self = .unavailable
        }
    }
}

extension SQLiteStore {
    /// The kind of StoreError a commit fails with; nil if it succeeded. Any
    /// other error is recorded as an issue.
    func commitFailure(_ changes: [StoreChange], sourceLocation: SourceLocation = #_sourceLocation) async -> StoreErrorKind? {
        do {
            try await commit(changes)
            return nil
        } catch let error as StoreError {
            return StoreErrorKind(error)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
            return .unavailable
        }
    }
}
