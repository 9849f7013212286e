import Foundation
import StratusCore

/// Glance v2's shapes: an image is a flat object, core properties and extra
/// properties side by side; links are relative to the endpoint (`/v2/...`).
struct ImageRenderer: Sendable {
    func image(_ image: Image) -> JSONValue {
        var fields = image.extraProperties.mapValues(JSONValue.string)
        let core: [String: JSONValue] = [
            "id": .string(image.id), "name": .optional(image.name), "status": .string(image.status.rawValue),
            "visibility": .string(image.visibility.rawValue), "protected": .bool(image.protected),
            "os_hidden": .bool(image.osHidden), "owner": .optional(image.owner),
            "container_format": .optional(image.containerFormat), "disk_format": .optional(image.diskFormat),
            "size": Self.number(image.size), "virtual_size": Self.number(image.virtualSize),
            "checksum": .optional(image.checksum), "os_hash_algo": .optional(image.osHashAlgo),
            "os_hash_value": .optional(image.osHashValue), "min_ram": .int(image.minRAM), "min_disk": .int(image.minDisk),
            "tags": .array(image.tags.sorted().map(JSONValue.string)),
            "created_at": .string(Self.timestamp(image.createdAt)), "updated_at": .string(Self.timestamp(image.updatedAt)),
            "self": .string("/v2/images/\(image.id)"), "file": .string("/v2/images/\(image.id)/file"),
            "schema": "/v2/schemas/image",
        ]
        fields.merge(core) { _, core in core }
        return .object(fields)
    }

    func member(_ member: ImageMember) -> JSONValue {
        [
            "image_id": .string(member.imageID), "member_id": .string(member.memberID),
            "status": .string(member.status.rawValue), "created_at": .string(Self.timestamp(member.createdAt)),
            "updated_at": .string(Self.timestamp(member.updatedAt)), "schema": "/v2/schemas/member",
        ]
    }

    static func number(_ value: Int64?) -> JSONValue {
        value.map { .int(Int($0)) } ?? .null
    }

    /// Glance's timestamps: ISO 8601, UTC, whole seconds, `Z`.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
