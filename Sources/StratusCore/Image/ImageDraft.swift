import Foundation

/// What a create request asks for: the body's properties as sent, checked here
/// against the image schema (the front only parses JSON).
public struct ImageDraft: Sendable, Equatable {
    public var fields: [String: ImageFieldValue]

    public init(fields: [String: ImageFieldValue] = [:]) {
        self.fields = fields
    }

    /// The owner the caller asked for explicitly (`.some(nil)`: explicitly none).
    public var requestedOwner: String?? {
        guard let value = fields["owner"] else { return nil }
        if case .string(let owner) = value { return .some(owner) }
        return .some(nil)
    }

    public var requestedVisibility: ImageVisibility? {
        if case .string(let text) = fields["visibility"] { return ImageVisibility(rawValue: text) }
        return nil
    }

    /// The id the caller chose, if any: Glance takes a UUID.
    public func requestedID() throws(ImageError) -> String? {
        guard let value = fields["id"] else { return nil }
        guard case .string(let id) = value, Self.isUUID(id) else {
            throw Image.schemaError("\(value.schemaDescription) does not match '^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$'")
        }
        return id.lowercased()
    }

    /// A queued image with these properties, or Glance's 400/403 for the first bad
    /// one (in name order, so the answer does not depend on the JSON's order).
    public func image(id: String, defaultOwner: String?, at now: Date) throws(ImageError) -> Image {
        var image = Image(id: id, owner: defaultOwner, createdAt: now, updatedAt: now, version: 1)
        for name in fields.keys.sorted() where name != "id" {
            if let refusal = ImageProperties.refusal(toWrite: name) { throw refusal }
            try image.set(name, to: fields[name] ?? .null)
        }
        return image
    }

    static func isUUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return false }
        return groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }
}
