import Foundation

/// 2.58 paging and filters of `os-instance-actions` (2.66 adds `changesBefore`),
/// on the action's last update.
public struct InstanceActionQuery: Sendable, Equatable {
    public var changesSince: Date?
    public var changesBefore: Date?
    public var limit: Int?
    public var marker: String?

    public init(changesSince: Date? = nil, changesBefore: Date? = nil, limit: Int? = nil, marker: String? = nil) {
        self.changesSince = changesSince
        self.changesBefore = changesBefore
        self.limit = limit
        self.marker = marker
    }
}

/// Which parts of an action's events the caller sees.
public struct InstanceActionEventsView: Sendable, Equatable {
    public var events: Bool
    public var traceback: Bool
    /// 2.62's `host` (the events rule); `hostId` is for everyone.
    public var host: Bool
}

extension ComputeService {
    /// `os-instance-actions`: the requests made against a server, newest first.
    /// Deleted servers' actions are readable from 2.21 (`includeDeleted`).
    public func instanceActions(
        _ caller: Caller, serverID: String, includeDeleted: Bool = true, query: InstanceActionQuery = InstanceActionQuery()
    ) async throws -> [InstanceAction] {
        let instance = try await visibleInstance(caller, id: serverID, includeDeleted: includeDeleted)
        try authorize(.listInstanceActions, caller, target: ["project_id": instance.projectID])
        var actions = try await store.instanceActions(instanceID: serverID)
        if let marker = query.marker {
            guard let index = actions.firstIndex(where: { $0.requestID == marker }) else {
                throw ComputeError.badRequest("Marker \(marker) could not be found.")
            }
            actions = Array(actions[(index + 1)...])
        }
        actions = actions.filter { action in
            if let since = query.changesSince, action.updatedAt < since { return false }
            if let before = query.changesBefore, action.updatedAt > before { return false }
            return true
        }
        if let limit = query.limit { actions = Array(actions.prefix(limit)) }
        return actions
    }

    /// One action and what of its events the caller may see: everything with
    /// the events rule (administrators by default); from 2.51 everyone else
    /// sees them without tracebacks (`eventsForAll`); 2.62 adds the host.
    public func instanceAction(
        _ caller: Caller, serverID: String, requestID: String, includeDeleted: Bool = true,
        eventsForAll: Bool = false, showHost: Bool = false
    ) async throws -> (InstanceAction, InstanceActionEventsView) {
        let instance = try await visibleInstance(caller, id: serverID, includeDeleted: includeDeleted)
        try authorize(.showInstanceAction, caller, target: ["project_id": instance.projectID])
        guard let action = try await store.instanceActions(instanceID: serverID).first(where: { $0.requestID == requestID })
        else {
            throw ComputeError.notFound("Action \(requestID) not found")
        }
        let privileged = policy.isAllowed(
            ComputePolicy.Action.showInstanceActionEvents.rawValue, credentials: caller.auth.credentials,
            target: PolicyTarget(["project_id": instance.projectID]))
        let view = privileged
            ? InstanceActionEventsView(events: true, traceback: true, host: showHost)
            : InstanceActionEventsView(events: eventsForAll, traceback: false, host: false)
        return (action, view)
    }

}
