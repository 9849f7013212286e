import Foundation
import Hummingbird
import StratusCore

/// Nova's deprecated volume proxy (2.1–2.35; 404 from 2.36): `/os-volumes` makes,
/// lists, shows and deletes Block Storage volumes in Nova's camel-case view. Nova's
/// rule is checked first, then the volume service's own, as Nova calls Cinder
/// with the caller's token.
extension ComputeFront {
    func addVolumeProxyRoutes(_ api: RouterGroup<Context>) {
        api.get("os-volumes") { request, context in
            try Self.requireProxy(context)
            return try await proxyList(request, context, .listProxyVolumes)
        }
        api.get("os-volumes/detail") { request, context in
            try Self.requireProxy(context)
            return try await proxyList(request, context, .listProxyVolumesDetail)
        }
        api.get("os-volumes/:id") { _, context in
            try Self.requireProxy(context)
            let caller = try context.caller()
            try compute.authorizeVolumeProxy(caller, .showProxyVolume)
            return try Response.json(["volume": Self.proxyVolume(try await volumes.volume(caller, id: try context.parameter("id")))])
        }
        api.post("os-volumes") { request, context in
            try Self.requireProxy(context)
            let caller = try context.caller()
            try compute.authorizeVolumeProxy(caller, .createProxyVolume)
            let draft = try Self.proxyDraft(try await request.jsonBody(limit: context.maxUploadSize))
            let created: VolumeView
            do {
                created = try await volumes.createVolume(caller, draft)
            } catch ComputeError.overLimit(let message) {
                throw ComputeError.forbidden(message)  // Nova turns Cinder's OverQuota into 403
            }
            var response = try Response.json(["volume": Self.proxyVolume(created)])
            response.headers[.location] = "\(render.v21)/os-volumes/\(created.volume.id)"
            return response
        }
        api.delete("os-volumes/:id") { _, context in
            try Self.requireProxy(context)
            let caller = try context.caller()
            try compute.authorizeVolumeProxy(caller, .deleteProxyVolume)
            try await volumes.deleteVolume(caller, id: try context.parameter("id"))
            return Response.empty(.accepted)
        }
    }

    private func proxyList(_ request: Request, _ context: Context, _ action: ComputePolicy.Action) async throws -> Response {
        let caller = try context.caller()
        try compute.authorizeVolumeProxy(caller, action)
        var views = try await volumes.volumes(caller, VolumeListQuery())
        let query = request.uri.queryParameters
        if let offset = try Self.nonNegative(query.get("offset"), "offset") { views = Array(views.dropFirst(offset)) }
        if let limit = try Self.nonNegative(query.get("limit"), "limit") { views = Array(views.prefix(limit)) }
        return try Response.json(["volumes": .array(views.map(Self.proxyVolume))])
    }

    /// Nova's `_translate_volume_summary_view` (summary and detail are the same).
    static func proxyVolume(_ view: VolumeView) -> JSONValue {
        let volume = view.volume
        var attachment: JSONValue = [:]
        if let attached = view.attachment, attached.state != .attaching {
            attachment = ["id": .string(volume.id), "volumeId": .string(volume.id), "serverId": .string(attached.instanceID),
                          "device": .string(attached.device)]
        }
        return [
            "id": .string(volume.id), "status": .string(view.status), "size": .int(volume.sizeGiB),
            "availabilityZone": .string(volume.availabilityZone),
            "createdAt": .string(UTCTimestamp.microseconds(volume.createdAt)), "attachments": [attachment],
            "displayName": volume.name.map(JSONValue.string) ?? .null,
            "displayDescription": volume.description.map(JSONValue.string) ?? .null,
            "volumeType": .string(VolumeService.defaultType), "snapshotId": .null,
            "metadata": .object(volume.metadata.mapValues(JSONValue.string)),
        ]
    }

    /// Nova's create schema for the proxy: strict, `size` required (digits or an integer;
    /// the volume service checks it is at least 1), parsed as Cinder's own body is.
    static func proxyDraft(_ json: JSONValue) throws -> VolumeDraft {
        let body = try JSONObjectReader(json["volume"], field: "volume")
        try ServerRequestDecoder.rejectUnknown(
            body, allowed: ["volume_type", "metadata", "snapshot_id", "size", "availability_zone", "display_name",
                            "display_description"], field: "volume")
        if body.contains("snapshot_id") {
            throw APIError.badRequest("Invalid input received: Stratus volumes have no snapshots.")
        }
        guard body.contains("size") else {
            throw APIError.badRequest("Invalid input for field/attribute volume. Value: \(JSONValue.object(body.members)). 'size' is a required property")
        }
        let size = try BlockStorageFront.volumeSize(body.members["size"])
        let metadata = try BlockStorageFront.volumeMetadata(body.members["metadata"])
        return VolumeDraft(
            name: try body.string("display_name"), description: try body.string("display_description"), sizeGiB: size,
            availabilityZone: try body.string("availability_zone"), metadata: metadata, volumeType: try body.string("volume_type"))
    }
}
