import Crypto
import Foundation

/// A server as the store keeps it: what its owner asked for (the desired state,
/// carried by `state.taskState` while a change is under way) and what the host last
/// reported (`state.powerState`). Reconcilers converge the host to the first and
/// write back the second.
public struct Instance: Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    public var projectID: String
    public var userID: String
    /// The image booted from; Nova shows `""` for a server booted from a volume.
    public var imageID: String
    /// The flavor as it was at boot: later flavor edits and deletes do not resize a
    /// running server, and 2.47+ shows exactly this copy.
    public var flavor: Flavor
    public var state: InstanceState
    /// The host holding its resource claim; nil until placed.
    public var hostID: String?
    public var hostName: String?
    /// While a resize or cold migration waits for confirmation: the host the
    /// server came from, which keeps the powered-off original for a revert,
    /// and the flavor to go back to.
    public var migration: PendingMigration?
    /// While a live migration runs (task `migrating`).
    public var liveMigration: LiveMigration?
    public var availabilityZone: String?
    public var requestedZone: String?
    /// 2.74: the host an administrator asked the first placement to use
    /// (`host` / `hypervisor_hostname`); the scheduler's filters still run.
    public var requestedHost: String?
    /// The user's `same_host` / `different_host` hints for the first placement.
    public var placementHints: PlacementHints?
    public var metadata: [String: String]
    public var keyName: String?
    public var keyData: String?
    public var userData: String?
    public var accessIPv4: String
    public var accessIPv6: String
    public var description: String?
    public var lock: InstanceLock?
    public var fault: InstanceFault?
    /// The request that started the current task: the host's events are
    /// recorded under its instance action.
    public var taskRequestID: String?
    public var reservationID: String
    public var launchIndex: Int
    public var tags: [String]
    /// Nova's `hostname` (2.3 `OS-EXT-SRV-ATTR:hostname`): the name made DNS-safe
    /// at create; renaming the server later does not change it.
    public var hostname: String
    /// The image's `kernel_id` / `ramdisk_id` properties at boot, "" without.
    public var kernelID: String
    public var ramdiskID: String
    /// 2.63 `trusted_image_certificates`: the certificate ids the owner trusts
    /// for the image's signature; nil when none were given.
    public var trustedImageCertificates: [String]?
    /// While a snapshot task runs: the queued image its data goes to.
    public var snapshotImageID: String?
    /// While a backup runs (`createBackup`): which backups to rotate once it is in.
    public var snapshotBackup: BackupRotation?
    /// Its ports, as attached (Nova's network info cache).
    public var interfaces: [ServerInterface] = []
    /// The image's `hw_*` properties at boot (or rebuild): the guest hardware it asks
    /// for (`hw_rng_model`, …). Kept with the server, as Nova keeps image properties
    /// in its system metadata, so a later image edit does not change a running guest.
    public var imageHardware: [String: String] = [:]
    public var createdAt: Date
    public var updatedAt: Date
    public var launchedAt: Date?
    public var terminatedAt: Date?
    /// Compare-and-set token: every write names the version it read.
    public var version: Int

    public init(
        id: String, name: String, projectID: String, userID: String, imageID: String, flavor: Flavor,
        state: InstanceState = .newlyRequested, hostID: String? = nil, hostName: String? = nil,
        availabilityZone: String? = nil, requestedZone: String? = nil, metadata: [String: String] = [:],
        keyName: String? = nil, keyData: String? = nil, userData: String? = nil, accessIPv4: String = "",
        accessIPv6: String = "", description: String? = nil, lock: InstanceLock? = nil, fault: InstanceFault? = nil,
        taskRequestID: String? = nil, reservationID: String = "", launchIndex: Int = 0, tags: [String] = [], createdAt: Date, updatedAt: Date? = nil,
        launchedAt: Date? = nil, terminatedAt: Date? = nil, version: Int = 0, hostname: String? = nil,
        kernelID: String = "", ramdiskID: String = "", trustedImageCertificates: [String]? = nil
    ) {
        self.id = id
        self.name = name
        self.projectID = projectID
        self.userID = userID
        self.imageID = imageID
        self.flavor = flavor
        self.state = state
        self.hostID = hostID
        self.hostName = hostName
        self.availabilityZone = availabilityZone
        self.requestedZone = requestedZone
        self.metadata = metadata
        self.keyName = keyName
        self.keyData = keyData
        self.userData = userData
        self.accessIPv4 = accessIPv4
        self.accessIPv6 = accessIPv6
        self.description = description
        self.lock = lock
        self.fault = fault
        self.taskRequestID = taskRequestID
        self.reservationID = reservationID
        self.launchIndex = launchIndex
        self.tags = tags
        self.hostname = hostname ?? ServerHostname.sanitize(name, default: "Server-\(id)")
        self.kernelID = kernelID
        self.ramdiskID = ramdiskID
        self.trustedImageCertificates = trustedImageCertificates
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.launchedAt = launchedAt
        self.terminatedAt = terminatedAt
        self.version = version
    }

    public var status: ServerStatus { state.status }

    /// What `imageHardware` keeps of an image's properties.
    public static func hardwareProperties(of image: Image) -> [String: String] {
        image.extraProperties.filter { $0.key.hasPrefix("hw_") }
    }
    public var isDeleted: Bool { state.vmState == .deleted }
}

/// `createBackup`'s rotation: after the new backup, keep the newest `rotation`
/// backups of this server with this `backup_type`.
public struct BackupRotation: Sendable, Equatable, Codable {
    public var type: String
    public var rotation: Int

    public init(type: String, rotation: Int) {
        self.type = type
        self.rotation = rotation
    }
}

/// Who holds a server's lock, and why. Nova keeps `locked_by` as "owner" or
/// "admin": an owner cannot lift an administrator's lock.
public struct InstanceLock: Sendable, Equatable {
    public enum Holder: String, Sendable, Equatable {
        case owner
        case admin
    }

    public var holder: Holder
    public var reason: String?

    public init(holder: Holder, reason: String? = nil) {
        self.holder = holder
        self.reason = reason
    }
}

/// Why a server is in ERROR, as Nova's `fault` shows it.
public struct InstanceFault: Sendable, Equatable {
    public var code: Int
    public var message: String
    public var details: String?
    public var createdAt: Date

    public init(code: Int, message: String, details: String? = nil, createdAt: Date) {
        self.code = code
        self.message = message
        self.details = details
        self.createdAt = createdAt
    }
}

extension Instance {
    /// Nova's `hostId`: an opaque per-project digest of the host, so a project
    /// can tell whether two of its servers share a host without learning hosts.
    /// Nova uses SHA-224 (56 hex digits); swift-crypto has none, so this is
    /// SHA-256 cut to the same 56 digits. Clients only compare it for equality.
    public var hostDigest: String { Self.hostDigest(projectID: projectID, hostName: hostName) }

    /// The digest for any host name, as instance action events show it (2.62).
    public static func hostDigest(projectID: String, hostName: String?) -> String {
        guard let hostName, !hostName.isEmpty else { return "" }
        let digest = SHA256.hash(data: Array((projectID + hostName).utf8))
        return String(LowercaseHex.string(digest).prefix(56))
    }
}

/// The state a resize or cold migration keeps until it is confirmed or reverted.
public struct PendingMigration: Sendable, Equatable {
    public var sourceHostID: String
    public var sourceHostName: String
    public var oldFlavor: Flavor
    /// A cold migration's target host chosen by the administrator (2.56), by name.
    public var requestedHost: String?
    /// Where the source serves the powered-off original's disk for the destination
    /// to copy; nil until the source reported it.
    public var sourceDisk: SourceDisk?

    /// How the destination gets the original's disk.
    public enum SourceDisk: Sendable, Equatable {
        /// The guest has no disk of its own to carry (its image is all it boots from).
        case none
        /// The source's disk export (`nbd://address:port/disk`, TLS where hosts migrate over TLS).
        case exported(uri: String)
    }

    public init(
        sourceHostID: String, sourceHostName: String, oldFlavor: Flavor, requestedHost: String? = nil,
        sourceDisk: SourceDisk? = nil
    ) {
        self.sourceHostID = sourceHostID
        self.sourceHostName = sourceHostName
        self.oldFlavor = oldFlavor
        self.requestedHost = requestedHost
        self.sourceDisk = sourceDisk
    }

    /// The claim the destination holds until confirm; the instance's own claim
    /// stays on the source so a revert always has its room back.
    public static func claimID(_ instanceID: String) -> String { instanceID + ":migration" }
}
