import Foundation
import StratusCore

/// Glance's request bodies as the core's values. The JSON is only parsed here;
/// the image schema's rules are the core's (`ImageDraft`, `Image.apply`).
enum ImageRequestDecoder {
    static func draft(_ body: JSONValue) throws -> ImageDraft {
        guard case .object(let members) = body else {
            throw APIError.badRequest("Provided object does not match schema 'image': \(body.typeName) is not of type 'object'")
        }
        return ImageDraft(fields: members.mapValues(fieldValue))
    }

    static func fieldValue(_ json: JSONValue) -> ImageFieldValue {
        switch json {
        case .null: .null
        case .bool(let value): .bool(value)
        case .int(let value): .int(Int64(value))
        case .double(let value): .double(value)
        case .string(let value): .string(value)
        case .array(let items): .array(items.map(fieldValue))
        case .object(let members): .object(members.mapValues(fieldValue))
        }
    }

    /// The media types of `PATCH /v2/images/{id}`, with the dialect each selects.
    static let patchMediaTypes: [String: ImagePatchDialect] = [
        "application/openstack-images-v2.0-json-patch": .v20,
        "application/openstack-images-v2.1-json-patch": .v21,
    ]

    /// A JSON array of operations, each `{"op", "path", "value"}` or Glance's older
    /// `{"add": "/path", "value"}` form.
    static func patch(_ body: JSONValue) throws -> [ImagePatchOperation] {
        guard case .array(let items) = body else {
            throw APIError.badRequest("Request body must be a JSON array of operation objects.")
        }
        return try items.map(operation)
    }

    static func operation(_ item: JSONValue) throws -> ImagePatchOperation {
        guard case .object(let members) = item else { throw APIError.badRequest("Operations must be JSON objects.") }
        let kind: ImagePatchOperation.Kind
        let pointer: JSONValue?
        if let op = members["op"] {
            guard case .string(let name) = op, let parsed = ImagePatchOperation.Kind(rawValue: name) else {
                throw APIError.badRequest("Invalid operation: `\(op.stringValue ?? op.typeName)`.")
            }
            kind = parsed
            pointer = members["path"]
        } else if let legacy = ImagePatchOperation.Kind.allKinds.first(where: { members[$0.rawValue] != nil }) {
            kind = legacy
            pointer = members[legacy.rawValue]
        } else {
            throw APIError.badRequest("Unable to find `op` in JSON Schema change. It must be one of the following: add, remove, replace.")
        }
        guard case .string(let path) = pointer else {
            throw APIError.badRequest("Unable to find `path` in JSON Schema change.")
        }
        let value = members["value"]
        if kind != .remove, value == nil {
            throw APIError.badRequest("Operation \"\(kind.rawValue)\" requires a member named \"value\".")
        }
        return ImagePatchOperation(kind, path: try decodePointer(path), value: value.map(fieldValue))
    }

    /// RFC 6901 with Glance's checks: a leading `/`, no empty component, `~0`/`~1` only.
    static func decodePointer(_ pointer: String) throws -> [String] {
        guard pointer.hasPrefix("/") else { throw APIError.badRequest("Pointer `\(pointer)` does not start with \"/\".") }
        guard !pointer.hasSuffix("/") else { throw APIError.badRequest("Pointer `\(pointer)` end with \"/\".") }
        guard !pointer.contains("//") else { throw APIError.badRequest("Pointer `\(pointer)` contains adjacent \"/\".") }
        return try pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map { component in
            var decoded = ""
            var escape = false
            for character in component {
                if escape {
                    guard character == "0" || character == "1" else { throw badEscape(pointer) }
                    decoded.append(character == "0" ? "~" : "/")
                    escape = false
                } else if character == "~" {
                    escape = true
                } else {
                    decoded.append(character)
                }
            }
            if escape { throw badEscape(pointer) }
            return decoded
        }
    }

    private static func badEscape(_ pointer: String) -> APIError {
        APIError.badRequest("Pointer `\(pointer)` contains \"~\" not part of a recognized escape sequence.")
    }
}

extension ImagePatchOperation.Kind {
    static let allKinds: [Self] = [.add, .remove, .replace]
}
