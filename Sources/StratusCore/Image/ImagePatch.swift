import Foundation

/// One operation of a Glance image PATCH (RFC 6902 restricted to what Glance accepts:
/// `add`, `replace` and `remove` on top-level properties).
public struct ImagePatchOperation: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case add, replace, remove
    }

    public var kind: Kind
    /// The JSON pointer's decoded components (`/os~1distro` is `["os/distro"]`).
    public var path: [String]
    /// Nil only for `remove`.
    public var value: ImageFieldValue?

    public init(_ kind: Kind, path: [String], value: ImageFieldValue? = nil) {
        self.kind = kind
        self.path = path
        self.value = value
    }
}

/// The two PATCH media types differ only in `add` on a property that exists:
/// v2.0 (`json_schema_version` 4) refuses it, v2.1 (10) replaces the value.
public enum ImagePatchDialect: Sendable, Equatable {
    case v20
    case v21
}

extension Image {
    /// Applies one operation with Glance's rules (`glance/api/v2/images.py`): one
    /// level deep, read-only and reserved names refused, core properties never
    /// removed, `replace` and `remove` only on what exists.
    public mutating func apply(_ operation: ImagePatchOperation, dialect: ImagePatchDialect) throws(ImageError) {
        guard operation.path.count == 1, let name = operation.path.first, !name.isEmpty else {
            let pointer = "/" + operation.path.joined(separator: "/")
            throw .badRequest("Invalid JSON pointer for this resource: '\(pointer)'")
        }
        if let refusal = ImageProperties.refusal(toWrite: name) { throw refusal }
        switch operation.kind {
        case .remove:
            if ImageProperties.core.contains(name) { throw .forbidden("Property \(name) may not be removed.") }
            guard extraProperties.removeValue(forKey: name) != nil else {
                throw .conflict("Property \(name) does not exist.")
            }
        case .add, .replace:
            // The value's type first: Glance's deserializer checks it before the
            // image is even read.
            var changed = self
            try changed.set(name, to: operation.value ?? .null)
            if operation.kind == .add, dialect == .v20, hasProperty(name) {
                throw .conflict("Property \(name) already present.")
            }
            if operation.kind == .replace, !hasProperty(name) { throw .conflict("Property \(name) does not exist.") }
            self = changed
        }
    }
}
