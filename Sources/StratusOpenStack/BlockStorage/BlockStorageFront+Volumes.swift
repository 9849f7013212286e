import Foundation
import Hummingbird
import StratusCore

extension BlockStorageFront {
    func addVolumeRoutes(_ api: RouterGroup<Context>, prefix: String) {
        api.post("\(prefix)volumes") { request, context in
            try Self.checkProject(context, volumes)
            let draft = try Self.volumeDraft(try await request.jsonBody(limit: context.maxUploadSize))
            let view = try await volumes.createVolume(try context.caller(), draft)
            return try Response.json(["volume": render.volume(view, full: false)], status: .accepted)
        }
        api.get("\(prefix)volumes") { request, context in
            try Self.checkProject(context, volumes)
            let views = try await volumes.volumes(try context.caller(), try Self.listQuery(request))
            return try Response.json(render.list(views, request, detail: false))
        }
        api.get("\(prefix)volumes/detail") { request, context in
            try Self.checkProject(context, volumes)
            let caller = try context.caller()
            let views = try await volumes.volumes(caller, try Self.listQuery(request))
            return try Response.json(render.list(views, request, detail: true, isAdmin: caller.auth.isCloudAdmin))
        }
        api.get("\(prefix)volumes/:id") { _, context in
            try Self.checkProject(context, volumes)
            let caller = try context.caller()
            let view = try await volumes.volume(caller, id: try context.parameter("id"))
            return try Response.json(["volume": render.volume(view, full: true, isAdmin: caller.auth.isCloudAdmin)])
        }
        api.put("\(prefix)volumes/:id") { request, context in
            try Self.checkProject(context, volumes)
            let patch = try Self.volumePatch(try await request.jsonBody(limit: context.maxUploadSize))
            let view = try await volumes.updateVolume(try context.caller(), id: try context.parameter("id"), patch)
            return try Response.json(["volume": render.volume(view, full: false)])
        }
        // Volume actions: `os-set_bootable` only (Cinder's flag, kept and shown).
        api.post("\(prefix)volumes/:id/action") { request, context in
            try Self.checkProject(context, volumes)
            let json = try await request.jsonBody(limit: context.maxUploadSize)
            guard case .object(let actions) = json, actions.count == 1, let (name, argument) = actions.first else {
                throw ComputeError.badRequest("Invalid input received: exactly one volume action is required.")
            }
            guard name == "os-set_bootable" else {
                throw ComputeError.badRequest("Invalid input received: volume action \(name) is not supported.")
            }
            let body = try JSONObjectReader(argument, field: name)
            let bootable: Bool
            switch body.members["bootable"] {
            case .bool(let flag)?: bootable = flag
            case .string(let text)? where ["true", "false"].contains(text.lowercased()): bootable = text.lowercased() == "true"
            default: throw ComputeError.badRequest("Invalid input for field/attribute bootable. Value: \(body.members["bootable"] ?? .null).")
            }
            _ = try await volumes.updateVolume(try context.caller(), id: try context.parameter("id"), VolumePatch(bootable: bootable))
            return Response.empty(.ok)
        }
        api.delete("\(prefix)volumes/:id") { _, context in
            try Self.checkProject(context, volumes)
            try await volumes.deleteVolume(try context.caller(), id: try context.parameter("id"))
            return Response.empty(.accepted)
        }
    }

    /// Cinder's create schema: `size` (an integer, or a string of digits) is required
    /// unless a source is named, which this subset has none of. Like Cinder's, it
    /// lets other members through (clients send fields of later microversions).
    static func volumeDraft(_ json: JSONValue) throws -> VolumeDraft {
        let body = try JSONObjectReader(json["volume"], field: "volume")
        for key in ["snapshot_id", "source_volid", "imageRef", "backup_id", "source_replica"]
        where body.members[key].map({ $0 != .null }) ?? false {
            throw ComputeError.badRequest("Invalid input received: creating a volume from \(key) is not supported.")
        }
        if body.members["multiattach"] == .bool(true) {
            throw ComputeError.badRequest("Invalid input received: multiattach volumes are not supported.")
        }
        // Clients send null for what they leave unset (openstacksdk does for every field).
        func text(_ key: String) throws -> String? { try body.nullableString(key) ?? nil }
        return VolumeDraft(
            name: try text("name") ?? text("display_name"),
            description: try text("description") ?? text("display_description"),
            sizeGiB: try volumeSize(json["volume"]?["size"]),
            availabilityZone: try text("availability_zone"), metadata: try volumeMetadata(json["volume"]?["metadata"]),
            volumeType: try text("volume_type"))
    }

    static func volumePatch(_ json: JSONValue) throws -> VolumePatch {
        let body = try JSONObjectReader(json["volume"], field: "volume")
        var patch = VolumePatch()
        if body.contains("name") { patch.name = try body.nullableString("name") }
        else if body.contains("display_name") { patch.name = try body.nullableString("display_name") }
        if body.contains("description") { patch.description = try body.nullableString("description") }
        else if body.contains("display_description") { patch.description = try body.nullableString("display_description") }
        if body.contains("metadata") { patch.metadata = try volumeMetadata(json["volume"]?["metadata"]) }
        return patch
    }

    static func listQuery(_ request: Request) throws -> VolumeListQuery {
        let query = request.uri.queryParameters
        var list = VolumeListQuery()
        if let all = query.get("all_tenants") { list.allProjects = ["1", "true", "yes", "on", ""].contains(all.lowercased()) }
        list.projectID = query.get("project_id")
        list.name = query.get("name")
        list.status = query.get("status")
        list.marker = query.get("marker")
        if let limit = query.get("limit") {
            guard let value = Int(limit), value >= 0 else {
                throw ComputeError.badRequest("Invalid input received: limit must be a non-negative integer")
            }
            list.limit = value
        }
        return list
    }

    /// `size`: an integer or a string of digits (Cinder's and Nova's proxy schema);
    /// its range is the volume service's to check.
    static func volumeSize(_ value: JSONValue?) throws -> Int {
        switch value {
        case .int(let size)?: return size
        case .string(let text)? where !text.isEmpty && text.allSatisfy(\.isASCIIDigit): return Int(text) ?? Int.max
        case .string(let text)?:
            throw ComputeError.badRequest("Invalid input for field/attribute size. Value: \(text). '\(text)' does not match '^[0-9]+$'")
        case nil, .null?:
            throw ComputeError.badRequest("Invalid input for field/attribute size. Value: None. None is not of type 'integer', 'string'")
        case let other?:
            throw ComputeError.badRequest("Invalid input for field/attribute size. Value: \(other). \(other) is not of type 'integer', 'string'")
        }
    }

    /// `metadata`: an object of strings (absent or null: none).
    static func volumeMetadata(_ value: JSONValue?) throws -> [String: String] {
        guard let value, value != .null else { return [:] }
        guard case .object(let members) = value else {
            throw ComputeError.badRequest("Invalid input for field/attribute metadata. Value: \(value). \(value) is not of type 'object'")
        }
        var result: [String: String] = [:]
        for (key, item) in members {
            guard case .string(let text) = item else {
                throw ComputeError.badRequest("Invalid input for field/attribute \(key). Value: \(item). \(item) is not of type 'string'")
            }
            result[key] = text
        }
        return result
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
