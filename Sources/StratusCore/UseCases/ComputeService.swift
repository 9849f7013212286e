import Foundation

/// The Compute use cases (flavors today; servers follow). Same path as
/// identity: authorize → validate → plan → commit with an audit record.
public struct ComputeService: Sendable {
    let store: any ComputeStore
    let policy: PolicyEngine
    let clock: any WallClock
    let ids: any IdentifierSource
    let images: any BootImageSource
    /// Where snapshots (`createImage`) are written.
    let snapshots: any SnapshotImageSink
    let settings: ComputeSettings
    let consoles: any GuestConsoles
    /// Servers' ports (planned into the server's own transactions).
    let networking: any ServerNetworking
    /// Servers' volume attachments (planned into the server's own transactions).
    let volumes: any ServerVolumes
    /// Rung after a commit that gives reconcilers work (a server to place, a
    /// task for a host), so they act at once instead of at their next poll.
    public let wakeups: ReconcileWakeups

    public init(
        store: any ComputeStore, policy: PolicyEngine, clock: any WallClock = SystemWallClock(),
        ids: any IdentifierSource = SystemIdentifierSource(), images: any BootImageSource = NoBootImages(),
        settings: ComputeSettings = ComputeSettings(), consoles: any GuestConsoles = NoGuestConsoles(),
        wakeups: ReconcileWakeups = ReconcileWakeups(), snapshots: any SnapshotImageSink = NoSnapshotImages(),
        networking: any ServerNetworking = NoServerNetworking(), volumes: any ServerVolumes = NoServerVolumes()
    ) {
        self.volumes = volumes
        self.networking = networking
        self.snapshots = snapshots
        self.store = store
        self.policy = policy
        self.clock = clock
        self.ids = ids
        self.images = images
        self.settings = settings
        self.consoles = consoles
        self.wakeups = wakeups
    }

    func authorize(_ action: ComputePolicy.Action, _ caller: Caller, target: [String: String] = [:]) throws {
        var fullTarget = target
        if let project = caller.auth.project?.id {
            if fullTarget["target.project_id"] == nil { fullTarget["target.project_id"] = project }
            // Nova's target for actions on no particular resource is the caller's project.
            if fullTarget["project_id"] == nil { fullTarget["project_id"] = project }
        }
        guard policy.isAllowed(action.rawValue, credentials: caller.auth.credentials, target: PolicyTarget(fullTarget))
        else { throw ComputeError.policyDenied(action.rawValue) }
    }

    func audit(_ caller: Caller, _ action: String, _ targetType: String, _ targetID: String) -> StoreChange {
        .appendAudit(AuditRecord(
            id: ids.newID(), time: clock.now(), requestID: caller.requestID,
            actorUserID: caller.auth.user.id, actorProjectID: caller.auth.project?.id,
            action: action, targetType: targetType, targetID: targetID))
    }
}
