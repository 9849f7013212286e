import Foundation

/// One page of a host's desired guests. `revision` names the state the page
/// was read at: an agent that asks `since` the revision it holds is answered
/// when something changed for it (or `unchanged` after the wait), so an idle
/// host costs the controller nothing but an open request.
public struct DesiredGuestsPage: Codable, Sendable, Equatable {
    /// Opaque; the controller's process epoch and its per-host counter.
    public var revision: String
    /// True when nothing changed since the asked revision: `guests` is empty
    /// and the agent keeps what it has.
    public var unchanged: Bool
    public var guests: [DesiredGuest]
    /// Ask again with `cursor` set to this for the next page; nil on the last.
    public var nextCursor: String?

    public init(revision: String, unchanged: Bool, guests: [DesiredGuest], nextCursor: String?) {
        self.revision = revision
        self.unchanged = unchanged
        self.guests = guests
        self.nextCursor = nextCursor
    }
}

/// A guest the host should have (or is one end of a move for), as much as the
/// host needs to run it: no other project's data, no history, no fault.
public struct DesiredGuest: Codable, Sendable, Equatable {
    public var id: String
    /// The host the server belongs to (another host sees a move's other end).
    public var hostId: String?
    public var vmState: String
    public var taskState: String?
    public var powerState: Int
    public var hasLaunched: Bool
    public var spec: GuestBuild
    public var userData: String?
    public var availabilityZone: String?
    public var move: Move?
    public var liveMigration: LiveMigrationMessage?

    /// Everything the guest is built from (the record the host keeps with it).
    public struct GuestBuild: Codable, Sendable, Equatable {
        public var name: String
        public var projectId: String
        public var userId: String
        public var imageId: String
        public var kernelId: String
        public var ramdiskId: String
        public var imageHardware: [String: String]
        public var flavorId: String
        public var flavorName: String
        public var vcpus: Int
        public var memoryMib: Int
        public var rootDiskGib: Int
        public var ephemeralGib: Int
        public var swapMib: Int
        public var flavorExtraSpecs: [String: String]
        public var hostname: String
        public var metadata: [String: String]
        public var keyName: String?
        public var publicKey: String?
        public var reservationId: String
        public var launchIndex: Int
        public var createdAt: Date
    }

    /// A resize or cold migration waiting for confirmation.
    public struct Move: Codable, Sendable, Equatable {
        public var sourceHostId: String
        /// nil: the source has not reported yet; "none": the guest has no disk to carry.
        public var sourceDisk: SourceDisk?

        public struct SourceDisk: Codable, Sendable, Equatable {
            public var exportUri: String?
        }
    }

    public struct LiveMigrationMessage: Codable, Sendable, Equatable {
        public var sourceHostId: String
        public var sourceHostName: String
        public var targetHostId: String
        public var targetHostName: String
        public var phase: String
        public var incomingUri: String?
        public var tls: Bool
        public var startedAt: Date
        /// The source's console so far, for the destination to continue (after the transfer).
        public var consoleHistory: String?
    }
}
