import Foundation

/// A property value as the client sent it (a JSON value), before the image schema
/// has checked its type. The front translates its JSON into this; the core decides.
public indirect enum ImageFieldValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([ImageFieldValue])
    case object([String: ImageFieldValue])

    /// As jsonschema prints an instance in Glance's messages.
    var schemaDescription: String {
        switch self {
        case .null: "None"
        case .bool(let value): value ? "True" : "False"
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .string(let value): "'\(value)'"
        case .array(let items): "[" + items.map(\.schemaDescription).joined(separator: ", ") + "]"
        case .object: "{...}"
        }
    }
}
