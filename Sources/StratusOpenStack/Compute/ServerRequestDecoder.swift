import Foundation
import StratusCore

/// Reads `POST /servers` as Nova's JSON schema does: known fields only, each of
/// its type, networks as the microversion allows.
enum ServerRequestDecoder {
    static let createFields: Set<String> = [
        "name", "imageRef", "flavorRef", "adminPass", "metadata", "networks", "OS-DCF:diskConfig", "accessIPv4",
        "accessIPv6", "key_name", "user_data", "availability_zone", "min_count", "max_count",
        "return_reservation_id", "security_groups", "config_drive", "description",
    ]

    static func create(_ body: JSONValue, version: Microversion) throws -> (ServerDraft, returnReservationID: Bool) {
        guard case .object(let top) = body else {
            throw APIError.badRequest("Invalid input for field/attribute server. Value: \(body). The request body must be an object")
        }
        if let unexpected = top.keys.sorted().first(where: { !["server", "os:scheduler_hints", "OS-SCH-HNT:scheduler_hints"].contains($0) }) {
            throw APIError.badRequest("Invalid input for field/attribute . Additional properties are not allowed ('\(unexpected)' was unexpected)")
        }
        let server = try JSONObjectReader(top["server"], field: "server")
        let hints = try (top["os:scheduler_hints"] ?? top["OS-SCH-HNT:scheduler_hints"]).map {
            try JSONObjectReader($0, field: "os:scheduler_hints")
        }
        if let unexpected = server.members.keys.sorted().first(where: { !createFields.contains($0) }) {
            throw APIError.badRequest("Invalid input for field/attribute server. Additional properties are not allowed ('\(unexpected)' was unexpected)")
        }
        guard let name = try server.string("name") else {
            throw APIError.badRequest("Invalid input for field/attribute server. Value: \(server.members). 'name' is a required property")
        }
        try ServerValidation.checkName(name)
        guard let flavorRef = try referenceField(server, "flavorRef") else {
            throw APIError.badRequest("Invalid input for field/attribute server. 'flavorRef' is a required property")
        }
        let imageRef = try referenceField(server, "imageRef") ?? ""
        if imageRef.isEmpty {
            throw APIError.badRequest("Block Device Mapping is Invalid: Boot sequence for the instance and image/block device mapping combination is not valid.")
        }
        let description = try server.nullableString("description")
        if description != nil, version < Microversion(2, 19) {
            throw APIError.badRequest("Invalid input for field/attribute server. Additional properties are not allowed ('description' was unexpected)")
        }
        var draft = ServerDraft(
            name: name, imageRef: Self.imageID(imageRef), flavorRef: Self.lastPathComponent(flavorRef),
            metadata: try stringMap(server, "metadata"), keyName: try server.string("key_name"),
            userData: try server.string("user_data"), availabilityZone: try server.string("availability_zone"),
            minCount: try server.integer("min_count") ?? 1, maxCount: 1,
            networks: try networks(server, version: version), description: description ?? nil,
            accessIPv4: try server.string("accessIPv4") ?? "", accessIPv6: try server.string("accessIPv6") ?? "",
            adminPass: try server.string("adminPass"))
        draft.maxCount = try server.integer("max_count") ?? draft.minCount
        draft.groupID = try hints?.string("group")
        if server.contains("security_groups") {
            guard case .array = server.members["security_groups"] else {
                throw APIError.badRequest("Invalid input for field/attribute security_groups. Value: \(server.members["security_groups"]!). is not of type 'array'")
            }
        }
        if let diskConfig = try server.string("OS-DCF:diskConfig"), !["AUTO", "MANUAL"].contains(diskConfig) {
            throw APIError.badRequest("Invalid input for field/attribute OS-DCF:diskConfig. Value: \(diskConfig). '\(diskConfig)' is not one of ['AUTO', 'MANUAL']")
        }
        return (draft, try server.bool("return_reservation_id") ?? false)
    }

    static let rebuildFields: Set<String> = [
        "imageRef", "name", "metadata", "adminPass", "accessIPv4", "accessIPv6", "OS-DCF:diskConfig",
        "preserve_ephemeral",
    ]

    static func rebuild(_ argument: JSONValue, version: Microversion) throws -> RebuildRequest {
        let body = try JSONObjectReader(argument, field: "rebuild")
        let allowed = version >= Microversion(2, 19) ? rebuildFields.union(["description"]) : rebuildFields
        if let unexpected = body.members.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw APIError.badRequest("Invalid input for field/attribute rebuild. Additional properties are not allowed ('\(unexpected)' was unexpected)")
        }
        guard let imageRef = try referenceField(body, "imageRef"), !imageRef.isEmpty else {
            throw APIError.badRequest("Invalid input for field/attribute rebuild. 'imageRef' is a required property")
        }
        return RebuildRequest(
            imageRef: imageID(imageRef), name: try body.string("name"),
            metadata: body.contains("metadata") ? try stringMap(body, "metadata") : nil,
            adminPass: try body.string("adminPass"), accessIPv4: try body.string("accessIPv4"),
            accessIPv6: try body.string("accessIPv6"), description: try body.nullableString("description"))
    }

    /// Nova accepts ids or full URLs for image and flavor references.
    private static func referenceField(_ server: JSONObjectReader, _ key: String) throws -> String? {
        guard let value = server.members[key] else { return nil }
        switch value {
        case .string(let text): return text
        case .int(let number): return String(number)
        default:
            throw APIError.badRequest("Invalid input for field/attribute \(key). Value: \(value). \(value) is not of type 'string', 'integer'")
        }
    }

    static func lastPathComponent(_ reference: String) -> String {
        reference.split(separator: "/").last.map(String.init) ?? reference
    }

    static func imageID(_ reference: String) -> String { lastPathComponent(reference) }

    static func stringMap(_ server: JSONObjectReader, _ key: String) throws -> [String: String] {
        guard let object = try server.object(key) else { return [:] }
        return try object.members.mapValues { value in
            guard case .string(let string) = value else {
                throw APIError.badRequest("Invalid input for field/attribute \(key). Value: \(value). \(value) is not of type 'string'")
            }
            return string
        }
    }

    /// Before 2.37 `networks` is an optional list; from 2.37 it is required and
    /// may be "none" or "auto".
    private static func networks(_ server: JSONObjectReader, version: Microversion) throws -> ServerDraft.Networks {
        guard let value = server.members["networks"] else {
            if version >= Microversion(2, 37) {
                throw APIError.badRequest("Invalid input for field/attribute server. 'networks' is a required property")
            }
            return .auto
        }
        switch value {
        case .string(let choice) where version >= Microversion(2, 37) && (choice == "none" || choice == "auto"):
            return choice == "none" ? .none : .auto
        case .array(let items):
            if items.isEmpty { return .auto }
            return .explicit(try items.map { item in
                let network = try JSONObjectReader(item, field: "networks")
                guard let id = try network.string("uuid") ?? network.string("port") ?? network.string("fixed_ip") else {
                    throw APIError.badRequest("Invalid input for field/attribute networks. Bad networks format")
                }
                return id
            })
        default:
            throw APIError.badRequest("Invalid input for field/attribute networks. Value: \(value). \(value) is not of type 'array'")
        }
    }
}
