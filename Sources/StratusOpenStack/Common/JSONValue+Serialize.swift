import Foundation

extension JSONValue {
    /// The compact JSON text of this value, written directly: Foundation's
    /// `JSONEncoder` walks `Encodable` containers and costs several times more,
    /// which a list of a thousand servers feels. Doubles still go through
    /// `JSONEncoder`'s number formatting (they are rare in responses); a
    /// non-finite double throws, as `JSONEncoder` does.
    public func serialized() throws -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(1024)
        try write(into: &output)
        return output
    }

    private func write(into output: inout [UInt8]) throws {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .int(let value): output.append(contentsOf: String(value).utf8)
        case .double(let value):
            guard value.isFinite else { throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "non-finite number")) }
            output.append(contentsOf: try JSONEncoder().encode(value))
        case .string(let value): Self.writeString(value, into: &output)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                try item.write(into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            var first = true
            for (key, value) in members {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                Self.writeString(key, into: &output)
                output.append(UInt8(ascii: ":"))
                try value.write(into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// RFC 8259 escaping: quote, backslash and control characters; `/` is left
    /// alone (as the `.withoutEscapingSlashes` encoder did). Runs between
    /// escapes are copied whole from the string's contiguous UTF-8 (a byte at a
    /// time through `String.UTF8View` was most of the writer's profile).
    private static func writeString(_ string: String, into output: inout [UInt8]) {
        var string = string
        string.withUTF8 { bytes in
            output.append(UInt8(ascii: "\""))
            var runStart = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                writeEscape(byte, into: &output)
                runStart = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
            output.append(UInt8(ascii: "\""))
        }
    }

    private static func writeEscape(_ byte: UInt8, into output: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): output += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
        case UInt8(ascii: "\\"): output += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
        case 0x0A: output += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
        case 0x0D: output += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
        case 0x09: output += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
        default:
            let hex = Array("0123456789abcdef".utf8)
            output += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                       hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
        }
    }
}
