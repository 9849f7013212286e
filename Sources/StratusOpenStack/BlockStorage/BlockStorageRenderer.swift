import Foundation
import Hummingbird
import StratusCore

/// Cinder's v3 volume views (`cinder/api/v3/views/volumes.py`) at 3.0. Create
/// and update answer without the extension attributes show and detail carry
/// (the project, and for administrators the migration status).
struct BlockStorageRenderer: Sendable {
    let volumeURL: String

    func links(_ volume: Volume) -> JSONValue {
        [["rel": "self", "href": .string("\(volumeURL)/v3/\(volume.projectID)/volumes/\(volume.id)")],
         ["rel": "bookmark", "href": .string("\(volumeURL)/\(volume.projectID)/volumes/\(volume.id)")]]
    }

    func summary(_ view: VolumeView) -> JSONValue {
        ["id": .string(view.volume.id), "name": view.volume.name.map(JSONValue.string) ?? .null, "links": links(view.volume)]
    }

    func volume(_ view: VolumeView, full: Bool, isAdmin: Bool = false) -> JSONValue {
        let volume = view.volume
        var fields: [String: JSONValue] = [
            "id": .string(volume.id), "name": volume.name.map(JSONValue.string) ?? .null,
            "description": volume.description.map(JSONValue.string) ?? .null,
            "status": .string(view.status), "size": .int(volume.sizeGiB),
            "availability_zone": .string(volume.availabilityZone),
            "created_at": .string(UTCTimestamp.microseconds(volume.createdAt)),
            "updated_at": volume.updatedAt.map { .string(UTCTimestamp.microseconds($0)) } ?? .null,
            "attachments": .array(attachments(view)), "links": links(volume),
            "volume_type": .string(VolumeService.defaultType), "snapshot_id": .null, "source_volid": .null,
            "metadata": .object(volume.metadata.mapValues(JSONValue.string)), "user_id": .string(volume.userID),
            "bootable": volume.bootable ? "true" : "false", "encrypted": false, "replication_status": .null, "consistencygroup_id": .null,
            "multiattach": false, "migration_status": .null,
        ]
        if full {
            fields["os-vol-tenant-attr:tenant_id"] = .string(volume.projectID)
            if isAdmin {
                fields["os-vol-mig-status-attr:migstat"] = .null
                fields["os-vol-mig-status-attr:name_id"] = .null
            }
        }
        return .object(fields)
    }

    /// Cinder lists an attachment once the guest has the volume (and while it lets go).
    func attachments(_ view: VolumeView) -> [JSONValue] {
        guard let attachment = view.attachment, attachment.state != .attaching else { return [] }
        return [[
            "id": .string(view.volume.id), "attachment_id": .string(attachment.id),
            "volume_id": .string(view.volume.id), "server_id": .string(attachment.instanceID),
            "host_name": .null, "device": .string(attachment.device),
            "attached_at": attachment.attachedAt.map { .string(UTCTimestamp.microseconds($0)) } ?? .null,
        ]]
    }

    func list(_ views: [VolumeView], _ request: Request, detail: Bool, isAdmin: Bool = false) -> JSONValue {
        var body: [String: JSONValue] = [
            "volumes": .array(views.map { detail ? volume($0, full: true, isAdmin: isAdmin) : summary($0) }),
        ]
        if let limit = request.uri.queryParameters.get("limit").flatMap(Int.init), views.count == limit, let last = views.last {
            let path = detail ? "volumes/detail" : "volumes"
            body["volumes_links"] = [[
                "rel": "next", "href": .string("\(volumeURL)/v3/\(last.volume.projectID)/\(path)?limit=\(limit)&marker=\(last.volume.id)"),
            ]]
        }
        return .object(body)
    }
}
