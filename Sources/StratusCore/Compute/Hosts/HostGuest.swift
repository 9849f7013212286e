import Foundation

/// What a host is told about one server it runs (or is the other end of a move
/// for): enough to converge its guest, nothing more. No other project's data, no
/// addresses but its own ports' (asked separately), no history, no fault, no tags.
/// The host protocol carries exactly this; `HostStep` decides from it.
public struct HostGuest: Sendable, Equatable, Identifiable {
    public var id: String
    /// The host the server belongs to; another host sees it as the source or the
    /// peer of a move.
    public var hostID: String?
    public var state: InstanceState
    /// Everything the guest is built from: owner, flavor, image, names, key.
    public var record: GuestRecord
    public var userData: String?
    public var availabilityZone: String?
    /// A resize or cold migration waiting for confirmation.
    public var move: Move?
    /// A live migration in progress.
    public var liveMigration: LiveMigration?

    /// What a host needs of a pending resize or cold migration.
    public struct Move: Sendable, Equatable {
        public var sourceHostID: String
        public var sourceDisk: PendingMigration.SourceDisk?

        public init(sourceHostID: String, sourceDisk: PendingMigration.SourceDisk?) {
            self.sourceHostID = sourceHostID
            self.sourceDisk = sourceDisk
        }
    }

    public init(
        id: String, hostID: String?, state: InstanceState, record: GuestRecord, userData: String? = nil,
        availabilityZone: String? = nil, move: Move? = nil, liveMigration: LiveMigration? = nil
    ) {
        self.id = id
        self.hostID = hostID
        self.state = state
        self.record = record
        self.userData = userData
        self.availabilityZone = availabilityZone
        self.move = move
        self.liveMigration = liveMigration
    }

    public init(_ instance: Instance) {
        self.init(
            id: instance.id, hostID: instance.hostID, state: instance.state, record: GuestRecord(instance),
            userData: instance.userData, availabilityZone: instance.availabilityZone,
            move: instance.migration.map { Move(sourceHostID: $0.sourceHostID, sourceDisk: $0.sourceDisk) },
            liveMigration: instance.liveMigration)
    }
}
