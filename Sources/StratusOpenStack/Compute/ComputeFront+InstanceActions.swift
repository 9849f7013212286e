import Foundation
import Hummingbird
import StratusCore

extension ComputeFront {
    /// `/servers/{id}/os-instance-actions[/{request_id}]`: 2.21 reaches deleted
    /// servers, 2.51 shows events to their owners, 2.58 pages and filters on
    /// `updated_at` (2.66 `changes-before`), 2.62 adds the events' host.
    func addInstanceActionRoutes(_ group: RouterGroup<Context>) {
        group.get("servers/:id/os-instance-actions") { request, context in
            let version = context.computeVersion
            let serverID = try context.parameter("id")
            var query = InstanceActionQuery()
            let paged = version >= Microversion(2, 58)
            if paged {
                query.changesSince = try ServerListRequest.timestamp(request, "changes-since")
                if version >= Microversion(2, 66) {
                    query.changesBefore = try ServerListRequest.timestamp(request, "changes-before")
                    if let since = query.changesSince, let before = query.changesBefore, before < since {
                        throw APIError.badRequest("The value of changes-since must be less than or equal to changes-before.")
                    }
                }
                query.limit = min(try Self.nonNegative(request.query("limit"), "limit") ?? 1000, 1000)
                query.marker = request.query("marker")
            }
            let actions = try await compute.instanceActions(
                try context.caller(), serverID: serverID, includeDeleted: version >= Microversion(2, 21), query: query)
            var body: [String: JSONValue] = [
                "instanceActions": .array(actions.map { render.instanceAction($0, version: version) }),
            ]
            if paged, let links = render.nextLinks(
                request, path: "servers/\(serverID)/os-instance-actions", count: actions.count,
                lastID: actions.last?.requestID) {
                body["links"] = links
            }
            return try Response.json(.object(body))
        }
        group.get("servers/:id/os-instance-actions/:request") { _, context in
            let version = context.computeVersion
            let (action, view) = try await compute.instanceAction(
                try context.caller(), serverID: try context.parameter("id"), requestID: try context.parameter("request"),
                includeDeleted: version >= Microversion(2, 21), eventsForAll: version >= Microversion(2, 51),
                showHost: version >= Microversion(2, 62))
            guard case .object(var fields) = render.instanceAction(action, version: version) else { return Response.empty(.ok) }
            if view.events {
                fields["events"] = .array(action.events.map { render.instanceActionEvent($0, action, view, version) })
            }
            return try Response.json(["instanceAction": .object(fields)])
        }
    }
}

extension ComputeRenderer {
    func instanceAction(_ action: InstanceAction, version: Microversion) -> JSONValue {
        var fields: [String: JSONValue] = [
            "action": .string(action.action), "instance_uuid": .string(action.instanceID),
            "request_id": .string(action.requestID), "user_id": .string(action.userID),
            "project_id": .string(action.projectID),
            "start_time": .string(Self.isoMicroseconds(action.startTime)),
            "message": action.message.map(JSONValue.string) ?? .null,
        ]
        if version >= Microversion(2, 58) { fields["updated_at"] = .string(Self.isoMicroseconds(action.updatedAt)) }
        return .object(fields)
    }

    func instanceActionEvent(
        _ event: InstanceActionEvent, _ action: InstanceAction, _ view: InstanceActionEventsView, _ version: Microversion
    ) -> JSONValue {
        var fields: [String: JSONValue] = [
            "event": .string(event.event),
            "start_time": .string(Self.isoMicroseconds(event.startTime)),
            "finish_time": event.finishTime.map { .string(Self.isoMicroseconds($0)) } ?? .null,
            "result": event.result.map { .string($0.rawValue) } ?? .null,
        ]
        if view.traceback { fields["traceback"] = event.traceback.map(JSONValue.string) ?? .null }
        if view.host { fields["host"] = event.hostName.map(JSONValue.string) ?? .null }
        if version >= Microversion(2, 62) {
            // Nova's generate_hostid: the same per-project digest as a server's hostId.
            fields["hostId"] = .string(Instance.hostDigest(projectID: action.projectID, hostName: event.hostName))
        }
        return .object(fields)
    }
}
