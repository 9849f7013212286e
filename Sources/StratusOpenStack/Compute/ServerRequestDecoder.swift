import Foundation
import StratusCore

/// Reads `POST /servers` and the `rebuild` action as Nova's JSON schemas do at
/// the request's microversion: known fields only, each of its type.
enum ServerRequestDecoder {
    /// Nova's 2.1 create fields.
    static let createFields: Set<String> = [
        "name", "imageRef", "flavorRef", "adminPass", "metadata", "networks", "OS-DCF:diskConfig", "accessIPv4",
        "accessIPv6", "key_name", "user_data", "availability_zone", "min_count", "max_count",
        "return_reservation_id", "security_groups", "config_drive", "personality", "block_device_mapping",
        "block_device_mapping_v2",
    ]

    /// 2.19 description, 2.52 tags, 2.57 no personality, 2.63 trusted certificates,
    /// 2.74 a requested destination.
    static func createFields(_ version: Microversion) -> Set<String> {
        var fields = createFields
        if version >= Microversion(2, 19) { fields.insert("description") }
        if version >= Microversion(2, 52) { fields.insert("tags") }
        if version >= Microversion(2, 57) { fields.remove("personality") }
        if version >= Microversion(2, 63) { fields.insert("trusted_image_certificates") }
        if version >= Microversion(2, 74) { fields.formUnion(["host", "hypervisor_hostname"]) }
        return fields
    }

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
        try rejectUnknown(server, allowed: createFields(version), field: "server")
        guard let name = try server.string("name") else {
            throw APIError.badRequest("Invalid input for field/attribute server. Value: \(server.members). 'name' is a required property")
        }
        try ServerValidation.checkName(name)
        guard let flavorRef = try referenceField(server, "flavorRef") else {
            throw APIError.badRequest("Invalid input for field/attribute server. 'flavorRef' is a required property")
        }
        let imageRef = try referenceField(server, "imageRef") ?? ""
        try BlockDeviceMappingDecoder.check(server, imageRef: imageRef, version: version)
        if imageRef.isEmpty {
            throw APIError.badRequest("Block Device Mapping is Invalid: Boot sequence for the instance and image/block device mapping combination is not valid.")
        }
        // Before 2.19 Nova stores the name as the description.
        let description: String? = version >= Microversion(2, 19) ? (try server.nullableString("description") ?? nil) : name
        var draft = ServerDraft(
            name: name, imageRef: Self.imageID(imageRef), flavorRef: Self.lastPathComponent(flavorRef),
            metadata: try stringMap(server, "metadata"), keyName: try server.string("key_name"),
            userData: try server.string("user_data"), availabilityZone: try server.string("availability_zone"),
            minCount: try server.integer("min_count") ?? 1, maxCount: 1,
            networks: try networks(server, version: version), description: description,
            accessIPv4: try accessIP(server, "accessIPv4") ?? "", accessIPv6: try accessIP(server, "accessIPv6") ?? "",
            adminPass: try server.string("adminPass"))
        draft.maxCount = try server.integer("max_count") ?? draft.minCount
        draft.groupID = try hints?.string("group")
        if let hints { draft.placementHints = try placementHints(hints) }
        draft.tags = try server.stringArray("tags") ?? []
        draft.trustedImageCertificates = try trustedCertificates(server)
        draft.personality = try personality(server)
        draft.securityGroups = try securityGroups(server)
        draft.requestedHost = try hostName(server, "host")
        draft.requestedHypervisorHostname = try hostName(server, "hypervisor_hostname")
        if let diskConfig = try server.string("OS-DCF:diskConfig"), !["AUTO", "MANUAL"].contains(diskConfig) {
            throw APIError.badRequest("Invalid input for field/attribute OS-DCF:diskConfig. Value: \(diskConfig). '\(diskConfig)' is not one of ['AUTO', 'MANUAL']")
        }
        return (draft, try server.bool("return_reservation_id") ?? false)
    }

    static let rebuildFields: Set<String> = [
        "imageRef", "name", "metadata", "adminPass", "accessIPv4", "accessIPv6", "OS-DCF:diskConfig",
        "preserve_ephemeral", "personality",
    ]

    /// 2.19 description, 2.54 key_name, 2.57 user_data for personality, 2.63 trusted certificates.
    static func rebuildFields(_ version: Microversion) -> Set<String> {
        var fields = rebuildFields
        if version >= Microversion(2, 19) { fields.insert("description") }
        if version >= Microversion(2, 54) { fields.insert("key_name") }
        if version >= Microversion(2, 57) {
            fields.remove("personality")
            fields.insert("user_data")
        }
        if version >= Microversion(2, 63) { fields.insert("trusted_image_certificates") }
        return fields
    }

    static func rebuild(_ argument: JSONValue, version: Microversion) throws -> RebuildRequest {
        let body = try JSONObjectReader(argument, field: "rebuild")
        try rejectUnknown(body, allowed: rebuildFields(version), field: "rebuild")
        guard let imageRef = try referenceField(body, "imageRef"), !imageRef.isEmpty else {
            throw APIError.badRequest("Invalid input for field/attribute rebuild. 'imageRef' is a required property")
        }
        var request = RebuildRequest(
            imageRef: imageID(imageRef), name: try body.string("name"),
            metadata: body.contains("metadata") ? try stringMap(body, "metadata") : nil,
            adminPass: try body.string("adminPass"), accessIPv4: try accessIP(body, "accessIPv4"),
            accessIPv6: try accessIP(body, "accessIPv6"), description: try body.nullableString("description"),
            keyName: try body.nullableString("key_name"), userData: try body.nullableString("user_data"))
        if body.contains("trusted_image_certificates") {
            request.trustedImageCertificates = .some(try trustedCertificates(body))
        }
        request.personality = try personality(body)
        return request
    }

    /// `same_host` (a server id or a list of them) and `different_host` (a UUID or
    /// a list of distinct UUIDs), as Nova's hint schema reads them.
    private static func placementHints(_ hints: JSONObjectReader) throws -> PlacementHints {
        func ids(_ key: String, uuids: Bool) throws -> [String] {
            guard let value = hints.members[key] else { return [] }
            let invalid = APIError.badRequest("Invalid input for field/attribute \(key). Value: \(value). \(value) is not valid under any of the given schemas")
            var list: [String]
            switch value {
            case .string(let id): list = [id]
            case .array(let items):
                list = try items.map { item in
                    guard case .string(let id) = item else { throw invalid }
                    return id
                }
                if uuids, Set(list).count != list.count { throw invalid }
            default: throw invalid
            }
            if uuids, list.contains(where: { UUID(uuidString: $0) == nil }) { throw invalid }
            return list
        }
        return PlacementHints(sameHost: try ids("same_host", uuids: false), differentHost: try ids("different_host", uuids: true))
    }

    /// Nova's `fqdn` parameter type (2.74's `host` and `hypervisor_hostname`).
    private static func hostName(_ server: JSONObjectReader, _ key: String) throws -> String? {
        guard let name = try server.string(key) else { return nil }
        let pattern = "^[a-zA-Z0-9-._]*$"
        let problem: String? =
            if name.isEmpty { "'\(name)' is too short" }
            else if name.count > 255 { "'\(name)' is too long" }
            else if name.range(of: pattern, options: .regularExpression) == nil { "'\(name)' does not match '\(pattern)'" }
            else { nil }
        if let problem {
            throw APIError.badRequest("Invalid input for field/attribute \(key). Value: \(name). \(problem)")
        }
        return name
    }

    static func rejectUnknown(_ object: JSONObjectReader, allowed: Set<String>, field: String) throws {
        if let unexpected = object.members.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw APIError.badRequest("Invalid input for field/attribute \(field). Additional properties are not allowed ('\(unexpected)' was unexpected)")
        }
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

    /// 2.63: a list of ids, or null.
    private static func trustedCertificates(_ body: JSONObjectReader) throws -> [String]? {
        guard let value = body.members["trusted_image_certificates"], value != .null else { return nil }
        return try body.stringArray("trusted_image_certificates")
    }

    /// Below 2.57: `[{path, contents (base64)}]`, decoded.
    private static func personality(_ body: JSONObjectReader) throws -> [InjectedFile] {
        guard let value = body.members["personality"] else { return [] }
        guard case .array(let items) = value else {
            throw APIError.badRequest("Invalid input for field/attribute personality. Value: \(value). \(value) is not of type 'array'")
        }
        return try items.enumerated().map { index, item in
            let file = try JSONObjectReader(item, field: String(index))
            try rejectUnknown(file, allowed: ["path", "contents"], field: String(index))
            let text = try file.string("contents") ?? ""
            guard let contents = Data(base64Encoded: text) else {
                throw APIError.badRequest("Invalid input for field/attribute contents. Value: \(text). '\(text)' is not a 'base64'")
            }
            return InjectedFile(path: try file.string("path") ?? "", contents: contents)
        }
    }

    /// Nova's `ipv4` / `ipv6` formats for the access addresses ("" clears them).
    static func accessIP(_ body: JSONObjectReader, _ field: String) throws -> String? {
        guard let text = try body.string(field), !text.isEmpty else { return try body.string(field) }
        let valid = field == "accessIPv4" ? IPv4.parse(text) != nil : IPv6Text.isValid(text)
        guard valid else {
            let format = field == "accessIPv4" ? "ipv4" : "ipv6"
            throw APIError.badRequest("Invalid input for field/attribute \(field). Value: \(text). '\(text)' is not a '\(format)'")
        }
        return text
    }

    /// `security_groups: [{"name": …}]`: names (or ids) of the project's groups.
    private static func securityGroups(_ server: JSONObjectReader) throws -> [String] {
        guard let value = server.members["security_groups"] else { return [] }
        guard case .array(let items) = value else {
            throw APIError.badRequest("Invalid input for field/attribute security_groups. Value: \(value). \(value) is not of type 'array'")
        }
        return try items.map { item in
            let group = try JSONObjectReader(item, field: "security_groups")
            guard let name = try group.string("name"), !name.isEmpty else {
                throw APIError.badRequest("Invalid input for field/attribute name. Value: None. None is not of type 'string'")
            }
            return name
        }
    }

    /// Before 2.37 `networks` is an optional list; from 2.37 it is required and
    /// may be "none" or "auto", and ids must be UUIDs. Items may carry a `tag`
    /// from 2.32 to 2.36 and again from 2.42.
    private static func networks(_ server: JSONObjectReader, version: Microversion) throws -> ServerDraft.Networks {
        guard let value = server.members["networks"] else {
            if version >= Microversion(2, 37) {
                throw APIError.badRequest("Invalid input for field/attribute server. 'networks' is a required property")
            }
            return .auto
        }
        let tagged = (version >= Microversion(2, 32) && version < Microversion(2, 37)) || version >= Microversion(2, 42)
        let strictUUIDs = version >= Microversion(2, 37)
        switch value {
        case .string(let choice) where version >= Microversion(2, 37) && (choice == "none" || choice == "auto"):
            return choice == "none" ? .none : .auto
        case .array(let items):
            if items.isEmpty { return .auto }
            return .explicit(try items.enumerated().map { index, item in
                let network = try JSONObjectReader(item, field: "networks")
                try rejectUnknown(network, allowed: tagged ? ["fixed_ip", "port", "uuid", "tag"] : ["fixed_ip", "port", "uuid"],
                                  field: String(index))
                if let tag = try network.string("tag"), let problem = ServerTags.violation(tag) {
                    throw APIError.badRequest("Invalid input for field/attribute tag. Value: \(tag). \(problem)")
                }
                for key in ["uuid", "port"] where strictUUIDs {
                    if let id = try network.members[key] == .null ? nil : network.string(key), UUID(uuidString: id) == nil {
                        throw APIError.badRequest("Invalid input for field/attribute \(key). Value: \(id). '\(id)' is not a 'uuid'")
                    }
                }
                let fixedIP = try network.members["fixed_ip"] == .null ? nil : network.string("fixed_ip")
                let tag = try network.string("tag")
                if let port = try network.members["port"] == .null ? nil : network.string("port") {
                    return ServerDraft.NetworkChoice(portID: port, fixedIP: fixedIP, tag: tag)
                }
                guard let id = try network.string("uuid") else {
                    throw APIError.badRequest("Bad network format: missing 'uuid'")
                }
                return ServerDraft.NetworkChoice(networkID: id, fixedIP: fixedIP, tag: tag)
            })
        default:
            let expected = version >= Microversion(2, 37) ? "is not valid under any of the given schemas" : "is not of type 'array'"
            throw APIError.badRequest("Invalid input for field/attribute networks. Value: \(value). \(value) \(expected)")
        }
    }
}
