import Foundation
import HTTPTypes
import Hummingbird
import StratusCore

extension ComputeFront {
    /// `POST /os-server-external-events`: 200 when every event was accepted, 207
    /// with each event's `status` and `code` otherwise. The names grow with the
    /// microversion (2.51 `volume-extended`, 2.76 `power-update`).
    func addExternalEventRoutes(_ api: RouterGroup<Context>) {
        api.post("os-server-external-events") { request, context in
            let version = context.computeVersion
            let body = try JSONObjectReader(try await request.jsonBody(limit: context.maxUploadSize), field: "body")
            try ServerRequestDecoder.rejectUnknown(body, allowed: ["events"], field: "")
            guard case .array(let items)? = body.members["events"], !items.isEmpty else {
                throw APIError.badRequest("Invalid input for field/attribute events. Value: \(body.members["events"] ?? .null). 'events' must be a non-empty array")
            }
            var events: [ServerExternalEvent] = []
            for item in items {
                let event = try JSONObjectReader(item, field: "events")
                try ServerRequestDecoder.rejectUnknown(event, allowed: ["name", "server_uuid", "status", "tag"], field: "events")
                let name = try event.requiredString("name")
                guard Self.externalEventNames(version).contains(name) else {
                    throw APIError.badRequest("Invalid input for field/attribute name. Value: \(name). '\(name)' is not one of [\(Self.externalEventNames(version).map { "'\($0)'" }.joined(separator: ", "))]")
                }
                let server = try event.requiredString("server_uuid")
                guard UUID(uuidString: server) != nil else {
                    throw APIError.badRequest("Invalid input for field/attribute server_uuid. Value: \(server). '\(server)' is not a 'uuid'")
                }
                let status = try event.string("status") ?? "completed"
                guard ["failed", "completed", "in-progress"].contains(status) else {
                    throw APIError.badRequest("Invalid input for field/attribute status. Value: \(status). '\(status)' is not one of ['failed', 'completed', 'in-progress']")
                }
                let tag = try event.string("tag")
                if let tag, tag.count > 255 {
                    throw APIError.badRequest("Invalid input for field/attribute tag. Value: \(tag). '\(tag)' is too long")
                }
                events.append(ServerExternalEvent(name: name, serverID: server, status: status, tag: tag))
            }
            let codes = try await compute.receiveExternalEvents(try context.caller(), events)
            let answered: [JSONValue] = zip(events, codes).map { event, code in
                var fields: [String: JSONValue] = [
                    "name": .string(event.name), "server_uuid": .string(event.serverID),
                    "status": .string(code == 200 ? "completed" : "failed"), "code": .int(code),
                ]
                if let tag = event.tag { fields["tag"] = .string(tag) }
                return .object(fields)
            }
            return try Response.json(["events": .array(answered)], status: codes.allSatisfy { $0 == 200 } ? .ok : HTTPResponse.Status(code: 207))
        }
    }

    static func externalEventNames(_ version: Microversion) -> [String] {
        var names = ["network-changed", "network-vif-plugged", "network-vif-unplugged", "network-vif-deleted"]
        if version >= Microversion(2, 51) { names.append("volume-extended") }
        if version >= Microversion(2, 76) { names.append("power-update") }
        return names
    }
}
