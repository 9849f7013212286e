import Foundation
import Hummingbird
import StratusCore

extension ComputeFront {
    /// `/servers/{id}/os-instance-actions[/{request_id}]`.
    func addInstanceActionRoutes(_ group: RouterGroup<Context>) {
        group.get("servers/:id/os-instance-actions") { _, context in
            let actions = try await compute.instanceActions(try context.caller(), serverID: try context.parameter("id"))
            return try Response.json(["instanceActions": .array(actions.map { render.instanceAction($0) })])
        }
        group.get("servers/:id/os-instance-actions/:request") { _, context in
            let (action, showEvents) = try await compute.instanceAction(
                try context.caller(), serverID: try context.parameter("id"), requestID: try context.parameter("request"))
            guard case .object(var fields) = render.instanceAction(action) else { return Response.empty(.ok) }
            if showEvents {
                fields["events"] = .array(action.events.map { event in
                    [
                        "event": .string(event.event),
                        "start_time": .string(ComputeRenderer.isoMicroseconds(event.startTime)),
                        "finish_time": event.finishTime.map { .string(ComputeRenderer.isoMicroseconds($0)) } ?? .null,
                        "result": event.result.map { .string($0.rawValue) } ?? .null,
                        "traceback": event.traceback.map(JSONValue.string) ?? .null,
                    ]
                })
            }
            return try Response.json(["instanceAction": .object(fields)])
        }
    }
}

extension ComputeRenderer {
    func instanceAction(_ action: InstanceAction) -> JSONValue {
        [
            "action": .string(action.action), "instance_uuid": .string(action.instanceID),
            "request_id": .string(action.requestID), "user_id": .string(action.userID),
            "project_id": .string(action.projectID),
            "start_time": .string(Self.isoMicroseconds(action.startTime)),
            "message": action.message.map(JSONValue.string) ?? .null,
        ]
    }
}
