import Foundation

/// Enrolling remote compute hosts: an administrator makes a one-time join
/// token; a host presents it with a CSR and receives a client certificate from
/// the cloud's CA; the controller then lets a host in only while the credential
/// of its certificate stands (`authorize`). Deleting the host's compute service
/// revokes its credentials (`ComputeService.deleteHost` commits
/// `.revokeHostCredentials` with the delete).
///
/// Token administration: authorize (`os_compute_api:os-stratus-join-tokens:*`,
/// administrators, scoped as `os-services:delete`) → validate → commit with an
/// audit record; or, from `stratus admin join-token`, as the data directory's owner.
public struct HostEnrollmentService: Sendable {
    let store: any HostEnrollmentStore
    let authority: any HostCertificateAuthoritySource
    let policy: PolicyEngine
    let clock: any WallClock
    let ids: any IdentifierSource

    public init(
        store: any HostEnrollmentStore, authority: any HostCertificateAuthoritySource, policy: PolicyEngine,
        clock: any WallClock = SystemWallClock(), ids: any IdentifierSource = SystemIdentifierSource()
    ) {
        self.store = store
        self.authority = authority
        self.policy = policy
        self.clock = clock
        self.ids = ids
    }

    /// Who administers join tokens: an API caller (policy decides), or the owner
    /// of the data directory running `stratus admin join-token` (no token needed,
    /// as `stratus admin reset-password`).
    public enum Administrator: Sendable {
        case caller(Caller)
        case dataDirectoryOwner(requestID: String)
    }

    func authorize(_ action: ComputePolicy.Action, _ administrator: Administrator) throws {
        guard case .caller(let caller) = administrator else { return }
        var target: [String: String] = [:]
        if let project = caller.auth.project?.id {
            target["target.project_id"] = project
            target["project_id"] = project
        }
        guard policy.isAllowed(action.rawValue, credentials: caller.auth.credentials, target: PolicyTarget(target))
        else { throw ComputeError.policyDenied(action.rawValue) }
    }

    func audit(_ administrator: Administrator, _ action: String, _ targetType: String, _ targetID: String) -> StoreChange {
        let (requestID, caller): (String, Caller?) = switch administrator {
        case .caller(let who): (who.requestID, who)
        case .dataDirectoryOwner(let id): (id, nil)
        }
        return .appendAudit(AuditRecord(
            id: ids.newID(), time: clock.now(), requestID: requestID, actorUserID: caller?.auth.user.id,
            actorProjectID: caller?.auth.project?.id, action: action, targetType: targetType, targetID: targetID))
    }
}
