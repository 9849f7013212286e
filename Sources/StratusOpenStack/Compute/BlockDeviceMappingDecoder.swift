import Foundation
import StratusCore

/// `block_device_mapping[_v2]` on server create, read as Nova's schema and
/// `BlockDeviceDict.from_api` do. Stratus cannot boot from a volume (its volumes
/// have no storage backend yet) and keeps no disk besides the root disk, so the
/// one mapping it can honour is the one clients send for `--image`: that image,
/// to a local disk, at boot index 0. Others get a 400 saying what is missing;
/// volumes are attached after the create (`os-volume_attachments`).
enum BlockDeviceMappingDecoder {
    static let legacyFields: Set<String> = [
        "virtual_name", "volume_id", "snapshot_id", "volume_size", "device_name", "delete_on_termination",
        "no_device", "connection_info",
    ]

    /// 2.32 and from 2.42 a `tag`, from 2.67 a `volume_type`.
    static func v2Fields(_ version: Microversion) -> Set<String> {
        var fields = legacyFields.union([
            "source_type", "uuid", "image_id", "destination_type", "guest_format", "device_type", "disk_bus", "boot_index",
        ])
        if version == Microversion(2, 32) || version >= Microversion(2, 42) { fields.insert("tag") }
        if version >= Microversion(2, 67) { fields.insert("volume_type") }
        return fields
    }

    static func check(_ server: JSONObjectReader, imageRef: String, version: Microversion) throws {
        let legacy = try items(server, "block_device_mapping")
        let mappings = try items(server, "block_device_mapping_v2")
        if !legacy.isEmpty && !mappings.isEmpty {
            throw APIError.badRequest("Using different block_device_mapping syntaxes is not allowed in the same request.")
        }
        for (index, item) in legacy.enumerated() {
            let mapping = try JSONObjectReader(item, field: String(index))
            try ServerRequestDecoder.rejectUnknown(mapping, allowed: legacyFields, field: String(index))
            if try noDevice(mapping) { continue }
            if let volume = try mapping.string("volume_id") { throw noBootFromVolume(volume) }
            if let snapshot = try mapping.string("snapshot_id") { throw invalid("failed to get snapshot \(snapshot).") }
            throw invalid("this cloud keeps no disks besides the root disk.")
        }
        for (index, item) in mappings.enumerated() {
            let mapping = try JSONObjectReader(item, field: String(index))
            try ServerRequestDecoder.rejectUnknown(mapping, allowed: v2Fields(version), field: String(index))
            if try noDevice(mapping) { continue }
            try checkMapping(mapping, imageRef: imageRef)
        }
    }

    private static func checkMapping(_ mapping: JSONObjectReader, imageRef: String) throws {
        let source = try enumField(mapping, "source_type", ["volume", "image", "snapshot", "blank"])
        let destination = try enumField(mapping, "destination_type", ["local", "volume"])
        let uuid = try mapping.string("uuid")
        let volumeType = try mapping.string("volume_type")
        if source == "blank", uuid != nil { throw invalid("Invalid device UUID.") }
        if source != "blank", uuid == nil { throw invalid("Missing device UUID.") }
        if source == "image", destination == "local" {
            guard !imageRef.isEmpty, try bootIndex(mapping) == 0 else { throw invalid("Mapping image to local is not supported.") }
        }
        if destination == "local", volumeType != nil {
            throw invalid("Specifying a volume_type with destination_type=local is not supported.")
        }
        if source == "volume", volumeType != nil { throw invalid("Specifying volume type to existing volume is not supported.") }
        if case .some(let value) = mapping.members["delete_on_termination"], !isBoolean(value) {
            throw APIError.badRequest("Invalid input for field/attribute delete_on_termination. Value: \(value). \(value) is not of type 'boolean', 'string'")
        }
        switch (source, destination) {
        case ("image", "local"):
            // The --image mapping: the image booted is imageRef's.
            guard uuid == imageRef else {
                throw invalid("Boot sequence for the instance and image/block device mapping combination is not valid.")
            }
        case ("volume", _): throw noBootFromVolume(uuid ?? "")
        case ("snapshot", _): throw invalid("failed to get snapshot \(uuid ?? "").")
        case ("image", _): throw invalid("this cloud cannot copy image \(uuid ?? "") to a volume to boot from.")
        default: throw invalid("this cloud keeps no disks besides the root disk.")
        }
    }

    /// Volumes exist, but none can be a server's disk at create: attach them afterwards.
    private static func noBootFromVolume(_ volume: String) -> APIError {
        invalid("volume \(volume) cannot be a boot or create-time disk here; attach it to the server instead.")
    }

    private static func items(_ server: JSONObjectReader, _ key: String) throws -> [JSONValue] {
        guard let value = server.members[key] else { return [] }
        guard case .array(let items) = value else {
            throw APIError.badRequest("Invalid input for field/attribute \(key). Value: \(value). \(value) is not of type 'array'")
        }
        return items
    }

    private static func invalid(_ details: String) -> APIError {
        APIError.badRequest("Block Device Mapping is Invalid: \(details)")
    }

    private static func noDevice(_ mapping: JSONObjectReader) throws -> Bool {
        guard let value = mapping.members["no_device"] else { return false }
        switch value {
        case .null: return false
        case .bool(let flag): return flag
        case .string(let text): return ["true", "1", "yes", "on", "t", "y"].contains(text.lowercased())
        case .int(let number): return number != 0
        default: return true
        }
    }

    private static func enumField(_ mapping: JSONObjectReader, _ key: String, _ allowed: [String]) throws -> String? {
        guard let text = try mapping.string(key) else { return nil }
        guard allowed.contains(text) else {
            throw APIError.badRequest("Invalid input for field/attribute \(key). Value: \(text). '\(text)' is not one of \(allowed.map { "'\($0)'" })")
        }
        return text
    }

    /// Nova's `boot_index`: an integer, a string of one, or null (= -1).
    private static func bootIndex(_ mapping: JSONObjectReader) throws -> Int {
        switch mapping.members["boot_index"] {
        case nil, .null?: return -1
        case .int(let number)?: return number
        case .string(let text)? where Int(text) != nil: return Int(text)!
        case let other?:
            throw APIError.badRequest("Invalid input for field/attribute boot_index. Value: \(other). \(other) does not match '^-?[0-9]+$'")
        }
    }

    private static func isBoolean(_ value: JSONValue) -> Bool {
        switch value {
        case .bool: return true
        case .string(let text):
            return ["true", "false", "1", "0", "on", "off", "yes", "no"].contains(text.lowercased())
        default: return false
        }
    }
}
