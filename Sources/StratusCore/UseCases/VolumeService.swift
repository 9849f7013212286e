import Foundation

/// The Block Storage v3 subset's use cases: volumes, each authorize → validate →
/// commit with its audit record. Compute reaches volumes through `ServerVolumes`
/// (`VolumeService+Servers`), whose plans join the server's own transaction.
/// Errors are `ComputeError`: Cinder's fault format is Nova's.
///
/// Volumes are records: no backend stores their blocks yet. The simulated driver
/// attaches them as it runs its guests; the QEMU driver refuses (`DriverError`).
public struct VolumeService: Sendable {
    let store: any VolumeStore
    let policy: PolicyEngine
    let clock: any WallClock
    let ids: any IdentifierSource
    let settings: VolumeSettings

    public init(
        store: any VolumeStore, policy: PolicyEngine, clock: any WallClock = SystemWallClock(),
        ids: any IdentifierSource = SystemIdentifierSource(), settings: VolumeSettings = VolumeSettings()
    ) {
        self.store = store
        self.policy = policy
        self.clock = clock
        self.ids = ids
        self.settings = settings
    }

    func authorize(_ action: VolumePolicy.Action, _ caller: Caller, projectID: String?) throws {
        let target = PolicyTarget(["project_id": projectID ?? caller.auth.project?.id ?? ""])
        guard policy.isAllowed(action.rawValue, credentials: caller.auth.credentials, target: target) else {
            throw ComputeError.forbidden("Policy doesn't allow \(action.rawValue) to be performed.")
        }
    }

    func audit(_ caller: Caller, _ action: VolumePolicy.Action, _ id: String) -> StoreChange {
        .appendAudit(AuditRecord(
            id: ids.newID(), time: clock.now(), requestID: caller.requestID, actorUserID: caller.auth.user.id,
            actorProjectID: caller.auth.project?.id, action: action.rawValue, targetType: "volume", targetID: id))
    }

    /// A project named in the URL (`/v3/{project_id}/…`) must be the token's;
    /// administrators may name any.
    public func requirePathProject(_ caller: Caller, _ projectID: String?) throws {
        guard let projectID, projectID != caller.auth.project?.id, !caller.auth.isCloudAdmin else { return }
        throw ComputeError.badRequest("Malformed request url")
    }

    static func notFound(_ id: String) -> ComputeError {
        .notFound("Volume \(id) could not be found.")
    }

    /// Runs `body` again when a concurrent writer won a compare-and-set.
    func retryingConflicts<T>(_ body: () async throws -> T) async throws -> T {
        try await retryingVersionConflicts(exhausted: { ComputeError.conflict("Concurrent update, try again: \($0).") }, body)
    }
}

/// The operator's block storage settings: the zone volumes are made in and
/// Cinder's default quotas (a project's own limits, and the `default` quota
/// class, replace them: `VolumeService+Quotas`).
public struct VolumeSettings: Sendable, Equatable {
    public var availabilityZone: String
    /// Default volumes per project (-1: unlimited).
    public var volumeQuota: Int
    /// Default GiB of volumes per project (-1: unlimited).
    public var gigabytesQuota: Int
    /// The largest single volume, GiB.
    public var maxSizeGiB: Int

    public init(availabilityZone: String = "nova", volumeQuota: Int = 10, gigabytesQuota: Int = 1000, maxSizeGiB: Int = 1000) {
        self.availabilityZone = availabilityZone
        self.volumeQuota = volumeQuota
        self.gigabytesQuota = gigabytesQuota
        self.maxSizeGiB = maxSizeGiB
    }
}
