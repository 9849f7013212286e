import Foundation

extension ComputeService {
    /// `os-instance-actions`: the requests made against a server, newest first.
    /// Servers deleted are still readable here by id, as in Nova.
    public func instanceActions(_ caller: Caller, serverID: String) async throws -> [InstanceAction] {
        let instance = try await ownedInstance(caller, id: serverID)
        try authorize(.listInstanceActions, caller, target: ["project_id": instance.projectID])
        return try await store.instanceActions(instanceID: serverID)
    }

    /// One action; its events only for callers the events rule admits (Nova
    /// shows them to administrators by default, with tracebacks).
    public func instanceAction(
        _ caller: Caller, serverID: String, requestID: String
    ) async throws -> (InstanceAction, showEvents: Bool) {
        let instance = try await ownedInstance(caller, id: serverID)
        try authorize(.showInstanceAction, caller, target: ["project_id": instance.projectID])
        guard let action = try await store.instanceActions(instanceID: serverID).first(where: { $0.requestID == requestID })
        else {
            throw ComputeError.notFound("Action for request_id \(requestID) on instance \(serverID) not found")
        }
        let events = policy.isAllowed(
            ComputePolicy.Action.showInstanceActionEvents.rawValue, credentials: caller.auth.credentials,
            target: PolicyTarget(["project_id": instance.projectID]))
        return (action, events)
    }

    /// Like `visibleInstance`, but deleted servers count: actions outlive them.
    private func ownedInstance(_ caller: Caller, id: String) async throws -> Instance {
        guard let instance = try await store.instance(id: id),
              caller.auth.isAdmin || instance.projectID == caller.auth.project?.id
        else { throw ComputeError.notFound("Instance \(id) could not be found.") }
        return instance
    }
}
