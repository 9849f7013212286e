import Foundation
import Hummingbird
import StratusCore

extension ComputeFront {
    /// `/servers/{id}/os-volume_attachments[/{volume_id}]`: Nova names an
    /// attachment by its volume's id; 2.70 adds `tag`, 2.79 `delete_on_termination`.
    func addVolumeAttachmentRoutes(_ group: RouterGroup<Context>) {
        group.get("servers/:id/os-volume_attachments") { request, context in
            let version = context.computeVersion
            try StrictQuery.check(request, version, allowed: ["limit", "offset"])
            var attachments = try await compute.volumeAttachments(try context.caller(), serverID: try context.parameter("id"))
            let query = request.uri.queryParameters
            if let offset = try Self.nonNegative(query.get("offset"), "offset") { attachments = Array(attachments.dropFirst(offset)) }
            if let limit = try Self.nonNegative(query.get("limit"), "limit") { attachments = Array(attachments.prefix(limit)) }
            return try Response.json(["volumeAttachments": .array(attachments.map { Self.attachmentView($0, version) })])
        }
        group.get("servers/:id/os-volume_attachments/:volume") { _, context in
            let attachment = try await compute.volumeAttachment(
                try context.caller(), serverID: try context.parameter("id"), volumeID: try context.parameter("volume"))
            return try Response.json(["volumeAttachment": Self.attachmentView(attachment, context.computeVersion)])
        }
        group.post("servers/:id/os-volume_attachments") { request, context in
            let version = context.computeVersion
            let (volumeID, attach) = try Self.attachRequest(try await request.jsonBody(limit: context.maxUploadSize), version)
            let attachment = try await compute.attachVolume(
                try context.caller(), serverID: try context.parameter("id"), volumeID: volumeID, attach)
            return try Response.json(["volumeAttachment": Self.attachmentView(attachment, version)])
        }
        group.put("servers/:id/os-volume_attachments/:volume") { request, context in
            let body = try JSONObjectReader(wrapped: try await request.jsonBody(limit: context.maxUploadSize), key: "volumeAttachment")
            try ServerRequestDecoder.rejectUnknown(body, allowed: ["volumeId"], field: "volumeAttachment")
            _ = try Self.volumeID(body)
            try await compute.updateVolumeAttachment(
                try context.caller(), serverID: try context.parameter("id"), volumeID: try context.parameter("volume"))
            return Response.empty(.accepted)
        }
        group.delete("servers/:id/os-volume_attachments/:volume") { _, context in
            try await compute.detachVolume(
                try context.caller(), serverID: try context.parameter("id"), volumeID: try context.parameter("volume"))
            return Response.empty(.accepted)
        }
    }

    static func attachmentView(_ attachment: VolumeAttachment, _ version: Microversion) -> JSONValue {
        var fields: [String: JSONValue] = [
            "id": .string(attachment.volumeID), "volumeId": .string(attachment.volumeID),
            "serverId": .string(attachment.instanceID), "device": .string(attachment.device),
        ]
        if version >= Microversion(2, 70) { fields["tag"] = attachment.tag.map(JSONValue.string) ?? .null }
        if version >= Microversion(2, 79) { fields["delete_on_termination"] = .bool(attachment.deleteOnTermination) }
        return .object(fields)
    }

    /// Nova's create schemas: `volumeId` and `device`; `tag` from 2.49,
    /// `delete_on_termination` from 2.79.
    static func attachRequest(_ json: JSONValue, _ version: Microversion) throws -> (String, VolumeAttachRequest) {
        let body = try JSONObjectReader(json["volumeAttachment"], field: "volumeAttachment")
        var allowed: Set<String> = ["volumeId", "device"]
        if version >= Microversion(2, 49) { allowed.insert("tag") }
        if version >= Microversion(2, 79) { allowed.insert("delete_on_termination") }
        try ServerRequestDecoder.rejectUnknown(body, allowed: allowed, field: "volumeAttachment")
        let volumeID = try volumeID(body)
        var request = VolumeAttachRequest()
        if case .string(let device)? = body.members["device"] {
            guard device.range(of: "^(/dev/x{0,1}[a-z]{0,1}d{0,1})([a-z]+)[0-9]*$", options: .regularExpression) != nil else {
                throw APIError.badRequest(
                    "Invalid input for field/attribute device. Value: \(device). '\(device)' does not match '(^/dev/x{0,1}[a-z]{0,1}d{0,1})([a-z]+)[0-9]*$'")
            }
            request.device = device
        } else if let other = body.members["device"], other != .null {
            throw APIError.badRequest("Invalid input for field/attribute device. Value: \(other). \(other) is not of type 'string', 'null'")
        }
        if let tag = try body.string("tag") {
            guard !tag.isEmpty, tag.count <= 60, !tag.contains("/"), !tag.contains(",") else {
                throw APIError.badRequest("Invalid input for field/attribute tag. Value: \(tag). '\(tag)' does not match '^[^,/]*$'")
            }
            request.tag = tag
        }
        request.deleteOnTermination = try body.bool("delete_on_termination") ?? false
        return (volumeID, request)
    }

    private static func volumeID(_ body: JSONObjectReader) throws -> String {
        guard let volumeID = try body.string("volumeId") else {
            throw APIError.badRequest("Invalid input for field/attribute volumeAttachment. Value: \(JSONValue.object(body.members)). 'volumeId' is a required property")
        }
        guard UUID(uuidString: volumeID) != nil else {
            throw APIError.badRequest("Invalid input for field/attribute volumeId. Value: \(volumeID). '\(volumeID)' is not a 'uuid'")
        }
        return volumeID
    }
}
