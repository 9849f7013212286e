import Foundation

/// Reads the fields of a JSON object from a request body, failing with a
/// schema-style 400 that names the field: `Invalid input for field 'name': ...`.
public struct JSONObjectReader: Sendable {
    public let members: [String: JSONValue]
    let field: String

    /// `value` must be an object; `field` names it in errors.
    public init(_ value: JSONValue?, field: String) throws {
        guard let value else { throw APIError.badRequest("'\(field)' is a required property") }
        guard case .object(let members) = value else {
            throw APIError.badRequest("Invalid input for field '\(field)': \(value.typeName) is not of type 'object'")
        }
        self.members = members
        self.field = field
    }

    /// Nova's bodies are `{"<key>": {...}}` with nothing else at the top (its schemas'
    /// `additionalProperties: false`): reads the object under `key`, refusing siblings.
    public init(wrapped body: JSONValue, key: String) throws {
        if case .object(let top) = body, let unexpected = top.keys.sorted().first(where: { $0 != key }) {
            throw APIError.badRequest("Invalid input for field/attribute . Additional properties are not allowed ('\(unexpected)' was unexpected)")
        }
        try self.init(body[key], field: key)
    }

    public func contains(_ key: String) -> Bool { members[key] != nil }

    public func string(_ key: String) throws -> String? {
        guard let value = members[key] else { return nil }
        guard case .string(let string) = value else { throw typeError(key, value, "string") }
        return string
    }

    public func requiredString(_ key: String) throws -> String {
        guard members[key] != nil else {
            throw APIError.badRequest("Invalid input for field '\(field)': '\(key)' is a required property")
        }
        guard let value = try string(key) else { throw APIError.badRequest("'\(key)' is required") }
        return value
    }

    /// Absent → nil; null → `.some(nil)`; a string → `.some(value)`.
    public func nullableString(_ key: String) throws -> String?? {
        guard let value = members[key] else { return nil }
        switch value {
        case .null: return .some(nil)
        case .string(let string): return .some(string)
        default: throw typeError(key, value, "string")
        }
    }

    /// An integer, also given as a string of digits (Nova's schemas accept both).
    public func integer(_ key: String) throws -> Int? {
        guard let value = members[key] else { return nil }
        switch value {
        case .int(let number): return number
        case .string(let text) where !text.isEmpty && text.allSatisfy(\.isASCII) && Int(text) != nil: return Int(text)
        case .double(let number) where number == number.rounded() && abs(number) < 1e15: return Int(number)
        default: throw typeError(key, value, "integer")
        }
    }

    public func requiredInteger(_ key: String) throws -> Int {
        guard let value = try integer(key) else {
            throw APIError.badRequest("Invalid input for field '\(field)': '\(key)' is a required property")
        }
        return value
    }

    public func bool(_ key: String) throws -> Bool? {
        guard let value = members[key] else { return nil }
        guard case .bool(let bool) = value else { throw typeError(key, value, "boolean") }
        return bool
    }

    public func stringArray(_ key: String) throws -> [String]? {
        guard let value = members[key] else { return nil }
        guard case .array(let items) = value else { throw typeError(key, value, "array") }
        return try items.map { item in
            guard case .string(let string) = item else { throw typeError(key, item, "string") }
            return string
        }
    }

    public func object(_ key: String) throws -> JSONObjectReader? {
        guard let value = members[key] else { return nil }
        return try JSONObjectReader(value, field: key)
    }

    private func typeError(_ key: String, _ value: JSONValue, _ expected: String) -> APIError {
        APIError.badRequest("Invalid input for field '\(key)': \(value.typeName) is not of type '\(expected)'")
    }
}
