import Foundation

/// Nova's migration record: one per move of a server (cold migration, resize,
/// live migration), kept after it ends so administrators can see what moved
/// where and how it ended (`GET /os-migrations`). Its status changes in the
/// same transactions as the move itself.
public struct ServerMigration: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case migration
        case resize
        case liveMigration = "live-migration"
    }

    /// Nova's statuses, as each kind of move goes through them.
    public enum Status: String, Sendable, CaseIterable {
        // Cold migration and resize.
        case preMigrating = "pre-migrating", migrating, finished, confirmed, reverted
        // Live migration.
        case preparing, running, completed, failed
        /// Ended without finishing (no destination, interrupted by a reset or a delete).
        case error

        /// Over: no later change applies to it.
        public var isFinal: Bool { [.confirmed, .reverted, .completed, .failed, .error].contains(self) }
    }

    /// The store's sequence number (Nova's integer id); 0 until stored.
    public var id: Int
    public var uuid: String
    public var instanceID: String
    public var projectID: String
    public var userID: String
    public var kind: Kind
    public var status: Status
    public var sourceCompute: String
    /// Nil until a destination is chosen.
    public var destinationCompute: String?
    /// Where the destination receives the guest (its migration address), when known.
    public var destinationHost: String?
    public var oldFlavorID: String
    public var newFlavorID: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int = 0, uuid: String = UUID().uuidString.lowercased(), instanceID: String, projectID: String,
        userID: String, kind: Kind, status: Status, sourceCompute: String, destinationCompute: String? = nil,
        destinationHost: String? = nil, oldFlavorID: String, newFlavorID: String, createdAt: Date, updatedAt: Date? = nil
    ) {
        self.id = id
        self.uuid = uuid
        self.instanceID = instanceID
        self.projectID = projectID
        self.userID = userID
        self.kind = kind
        self.status = status
        self.sourceCompute = sourceCompute
        self.destinationCompute = destinationCompute
        self.destinationHost = destinationHost
        self.oldFlavorID = oldFlavorID
        self.newFlavorID = newFlavorID
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    /// A live migration still under way (what `/servers/{id}/migrations` lists).
    public var isLiveAndInProgress: Bool { kind == .liveMigration && !status.isFinal }
}

/// `GET /os-migrations` filters (Nova's query parameters).
public struct ServerMigrationFilter: Sendable, Equatable {
    /// Either end of the move.
    public var host: String?
    public var status: String?
    public var instanceID: String?
    public var kind: ServerMigration.Kind?
    public var sourceCompute: String?
    public var changedSince: Date?
    /// 2.66: changed at or before this time.
    public var changedBefore: Date?
    /// 2.80: the owner of the server (`user_id`, `project_id`).
    public var userID: String?
    public var projectID: String?
    /// 2.59: a page after the migration with this uuid, newest first.
    public var marker: String?
    public var limit: Int?

    public init(
        host: String? = nil, status: String? = nil, instanceID: String? = nil, kind: ServerMigration.Kind? = nil,
        sourceCompute: String? = nil, changedSince: Date? = nil, marker: String? = nil, limit: Int? = nil
    ) {
        self.host = host
        self.status = status
        self.instanceID = instanceID
        self.kind = kind
        self.sourceCompute = sourceCompute
        self.changedSince = changedSince
        self.marker = marker
        self.limit = limit
    }
}
