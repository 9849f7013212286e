import Foundation

/// Writing one property of an image with the image schema's type rules, as Glance
/// validates a create body and each PATCH operation against `/v2/schemas/image`.
extension Image {
    /// Whether the image has `name` at all: a core property always has (possibly
    /// null), an extra property only once set.
    public func hasProperty(_ name: String) -> Bool {
        ImageProperties.core.contains(name) || extraProperties[name] != nil
    }

    /// Sets `name` to `value`, checked against the schema. Read-only and reserved
    /// names are the caller's to refuse first (their messages depend on the request).
    public mutating func set(_ name: String, to value: ImageFieldValue) throws(ImageError) {
        switch name {
        case "name":
            let text = try Self.string(value, name, nullable: true, maxLength: ImageProperties.maxNameLength)
            if let text, ControlCharacters.contained(in: text) {
                throw .badRequest("Provided object does not match schema 'image': name contains control characters")
            }
            self.name = text
        case "owner": owner = try Self.string(value, name, nullable: true, maxLength: 255)
        case "visibility":
            let text = try Self.string(value, name, nullable: false, maxLength: nil)
            guard let parsed = text.flatMap(ImageVisibility.init(rawValue:)) else {
                throw Self.schemaError("\(value.schemaDescription) is not one of ['community', 'public', 'private', 'shared']")
            }
            visibility = parsed
        case "protected": protected = try Self.bool(value)
        case "os_hidden": osHidden = try Self.bool(value)
        case "container_format": containerFormat = try Self.format(value, ImageProperties.containerFormats)
        case "disk_format": diskFormat = try Self.format(value, ImageProperties.diskFormats)
        case "min_ram": minRAM = try Self.count(value)
        case "min_disk": minDisk = try Self.count(value)
        case "tags": tags = try Self.tags(value)
        default:
            guard case .string(let text) = value else {
                throw Self.schemaError("\(value.schemaDescription) is not of type 'string'")
            }
            guard name.count <= ImageProperties.maxPropertyKeyLength, text.count <= ImageProperties.maxPropertyValueLength
            else { throw .badRequest("Provided object does not match schema 'image': property \(name) is too long") }
            extraProperties[name] = text
        }
    }

    static func schemaError(_ detail: String) -> ImageError {
        .badRequest("Provided object does not match schema 'image': \(detail)")
    }

    private static func string(_ value: ImageFieldValue, _ name: String, nullable: Bool, maxLength: Int?) throws(ImageError) -> String? {
        switch value {
        case .null where nullable: return nil
        case .string(let text):
            if let maxLength, text.count > maxLength { throw schemaError("\(value.schemaDescription) is too long") }
            return text
        default: throw schemaError("\(value.schemaDescription) is not of type \(nullable ? "'null', 'string'" : "'string'")")
        }
    }

    private static func bool(_ value: ImageFieldValue) throws(ImageError) -> Bool {
        guard case .bool(let flag) = value else { throw schemaError("\(value.schemaDescription) is not of type 'boolean'") }
        return flag
    }

    private static func format(_ value: ImageFieldValue, _ allowed: [String]) throws(ImageError) -> String? {
        switch value {
        case .null: return nil
        case .string(let text) where allowed.contains(text): return text
        default:
            let choices = (["None"] + allowed.map { "'\($0)'" }).joined(separator: ", ")
            throw schemaError("\(value.schemaDescription) is not one of [\(choices)]")
        }
    }

    private static func count(_ value: ImageFieldValue) throws(ImageError) -> Int {
        guard case .int(let number) = value else { throw schemaError("\(value.schemaDescription) is not of type 'integer'") }
        guard number >= 0 else { throw schemaError("\(number) is less than the minimum of 0") }
        guard number <= Int64(Int32.max) else { throw schemaError("\(number) is greater than the maximum of \(Int32.max)") }
        return Int(number)
    }

    private static func tags(_ value: ImageFieldValue) throws(ImageError) -> Set<String> {
        guard case .array(let items) = value else { throw schemaError("\(value.schemaDescription) is not of type 'array'") }
        var tags: Set<String> = []
        for item in items {
            guard case .string(let tag) = item else { throw schemaError("\(item.schemaDescription) is not of type 'string'") }
            guard tag.count <= ImageProperties.maxTagLength else { throw schemaError("\(item.schemaDescription) is too long") }
            tags.insert(tag)
        }
        return tags
    }
}
