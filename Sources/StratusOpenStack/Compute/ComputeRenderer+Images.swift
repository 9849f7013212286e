import Foundation
import StratusCore

extension ComputeRenderer {
    /// Nova's `views/images.py` `basic`: what `GET /images` lists.
    func imageSummary(_ image: Image) -> JSONValue {
        ["id": .string(image.id), "name": image.name.map(JSONValue.string) ?? .null, "links": imageLinks(image.id)]
    }

    /// Nova's `show`: the Glance record in Nova's words.
    func image(_ image: Image) -> JSONValue {
        var fields: [String: JSONValue] = [
            "id": .string(image.id),
            "name": image.name.map(JSONValue.string) ?? .null,
            "minRam": .int(image.minRAM),
            "minDisk": .int(image.minDisk),
            "metadata": .object(image.extraProperties.mapValues { .string($0) }),
            "created": .string(UTCTimestamp.seconds(image.createdAt)),
            "updated": .string(UTCTimestamp.seconds(image.updatedAt)),
            "status": .string(Self.novaImageStatus(image.status)),
            "progress": .int(Self.imageProgress(image.status)),
            "OS-EXT-IMG-SIZE:size": image.size.map { .int(Int($0)) } ?? .null,
            "links": imageLinks(image.id),
        ]
        // A snapshot names the server it was taken from.
        if let server = image.extraProperties["instance_uuid"] {
            fields["server"] = ["id": .string(server), "links": links("servers", server)]
        }
        if let autoDiskConfig = image.extraProperties["auto_disk_config"] {
            fields["OS-DCF:diskConfig"] = Self.boolFromString(autoDiskConfig) ? "AUTO" : "MANUAL"
        }
        return .object(fields)
    }

    /// `self`, `bookmark`, and `alternate`: the same image at the image service.
    func imageLinks(_ id: String) -> JSONValue {
        guard case .array(var items) = links("images", id) else { return links("images", id) }
        items.append([
            "rel": "alternate", "type": "application/vnd.openstack.image",
            "href": .string("\(imageURL)/images/\(id)"),
        ])
        return .array(items)
    }

    /// Nova's `_get_status`: the statuses Nova knows; the rest are `UNKNOWN`.
    static func novaImageStatus(_ status: ImageStatus) -> String {
        switch status {
        case .active: "ACTIVE"
        case .queued, .saving: "SAVING"
        case .deleted, .pendingDelete: "DELETED"
        case .killed: "ERROR"
        case .deactivated, .uploading, .importing: "UNKNOWN"
        }
    }

    /// Nova's `_get_progress`.
    static func imageProgress(_ status: ImageStatus) -> Int {
        switch status {
        case .queued: 25
        case .saving: 50
        case .active: 100
        default: 0
        }
    }

    /// oslo's `bool_from_string` (not strict): only these words are true.
    static func boolFromString(_ text: String) -> Bool {
        ["1", "t", "true", "on", "y", "yes"].contains(text.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
