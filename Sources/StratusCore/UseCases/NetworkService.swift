import Foundation

/// The Networking v2 subset's use cases: networks, subnets, ports, security
/// groups and rules, each authorize → validate → commit with its audit record.
/// Compute reaches ports through `ServerNetworking` (`NetworkService+Servers`),
/// whose plans join the server's own transaction.
public struct NetworkService: Sendable {
    let store: any NetworkStore
    let policy: PolicyEngine
    let clock: any WallClock
    let ids: any IdentifierSource
    /// Addresses proposed to commits still in flight (shared by every copy).
    let reservations: AddressReservations

    public init(
        store: any NetworkStore, policy: PolicyEngine, clock: any WallClock = SystemWallClock(),
        ids: any IdentifierSource = SystemIdentifierSource(), reservations: AddressReservations = AddressReservations()
    ) {
        self.reservations = reservations
        self.store = store
        self.policy = policy
        self.clock = clock
        self.ids = ids
    }

    func authorize(_ action: NetworkPolicy.Action, _ caller: Caller, projectID: String?) throws {
        let target = PolicyTarget(["project_id": projectID ?? caller.auth.project?.id ?? ""])
        guard policy.isAllowed(action.rawValue, credentials: caller.auth.credentials, target: target) else {
            throw NetworkError.policyDenied(action.rawValue)
        }
    }

    /// The project a new resource belongs to: the caller's, or for administrators
    /// the one the body names.
    func owningProject(_ caller: Caller, requested: String?) throws -> String {
        if let requested, requested != caller.auth.project?.id {
            guard caller.auth.isCloudAdmin else {
                throw NetworkError.policyDenied("tenant_id")
            }
            return requested
        }
        guard let project = caller.auth.project?.id else {
            throw NetworkError.badRequest("A project-scoped token is required.")
        }
        return project
    }

    func audit(_ caller: Caller, _ action: NetworkPolicy.Action, _ type: String, _ id: String) -> StoreChange {
        .appendAudit(AuditRecord(
            id: ids.newID(), time: clock.now(), requestID: caller.requestID, actorUserID: caller.auth.user.id,
            actorProjectID: caller.auth.project?.id, action: "network:" + action.rawValue,
            targetType: type, targetID: id))
    }

    /// Commits a delete with its audit record; a concurrent delete that won is the
    /// resource's 404, as if this one had come second.
    func commitDelete(_ change: StoreChange, _ action: NetworkPolicy.Action, _ type: String, id: String,
                      caller: Caller, notFound: NetworkError) async throws {
        do {
            try await store.commit([change, audit(caller, action, type, id)])
        } catch StoreError.versionConflict {
            throw notFound
        }
    }

    /// Runs `body` again when a concurrent writer won a compare-and-set.
    func retryingConflicts<T>(_ body: () async throws -> T) async throws -> T {
        try await retryingVersionConflicts(exhausted: { NetworkError(.conflict, "Conflict", "Concurrent update, try again: \($0).") }, body)
    }

    static func requireName(_ name: String, _ field: String = "name") throws {
        if name.count > 255 {
            throw NetworkError.invalidInput("Invalid input for \(field). Reason: '\(name)' exceeds maximum length of 255")
        }
        if ControlCharacters.contained(in: name) {
            throw NetworkError.invalidInput("Invalid input for \(field). Reason: control characters are not allowed.")
        }
    }
}
