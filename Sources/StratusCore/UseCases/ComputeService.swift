import Foundation

/// The Compute use cases (flavors today; servers follow). Same path as
/// identity: authorize → validate → plan → commit with an audit record.
public struct ComputeService: Sendable {
    let store: any ComputeStore
    let policy: PolicyEngine
    let clock: any WallClock
    let ids: any IdentifierSource

    public init(
        store: any ComputeStore, policy: PolicyEngine, clock: any WallClock = SystemWallClock(),
        ids: any IdentifierSource = SystemIdentifierSource()
    ) {
        self.store = store
        self.policy = policy
        self.clock = clock
        self.ids = ids
    }

    func authorize(_ action: ComputePolicy.Action, _ caller: Caller, target: [String: String] = [:]) throws {
        var fullTarget = target
        if fullTarget["target.project_id"] == nil, let project = caller.auth.project?.id {
            fullTarget["target.project_id"] = project
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
