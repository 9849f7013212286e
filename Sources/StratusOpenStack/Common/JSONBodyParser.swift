import Foundation

/// Request bodies into `JSONValue`, with the nesting bound checked first.
///
/// Foundation's parser refuses nesting deeper than 512 levels, but when the 513th
/// level is an array opened by the body's very last byte (`[` × 513, or
/// `{"a":` × 512 then `[`), building that error's source location reads past the
/// end and traps: one unauthenticated `POST /identity/v3/auth/tokens` stopped the
/// server. Such bodies are refused here, so the parser never reaches that path.
enum JSONBodyParser {
    /// Foundation's own limit: nothing it would accept is refused.
    static let maxDepth = 512

    static func parse(_ data: Data) throws -> JSONValue {
        guard !nestingExceeds(data, limit: maxDepth) else { throw invalid }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw invalid
        }
    }

    static let invalid = APIError.badRequest("The request body is not valid JSON.")

    /// Whether brackets outside strings open more than `limit` levels at once. On a
    /// body that is valid up to its deepest point this is the parser's own depth;
    /// an invalid one fails in the parser before that depth matters.
    static func nestingExceeds(_ bytes: some Sequence<UInt8>, limit: Int) -> Bool {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > limit { return true }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return false
    }
}
