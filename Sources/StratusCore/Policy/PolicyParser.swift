import Foundation

/// Parses oslo.policy rule strings: `role:admin or (user_id:%(target.user.id)s and not rule:x)`.
/// Precedence is oslo's: `not` binds tightest, then `and`, then `or`.
public enum PolicyParser {
    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        public var rule: String
        public var reason: String
        public var description: String { "invalid policy rule \"\(rule)\": \(reason)" }
    }

    public static func parse(_ text: String) throws(SyntaxError) -> PolicyRule {
        let tokens = try tokenize(text)
        if tokens.isEmpty { return .always }
        var cursor = Cursor(tokens: tokens, text: text)
        let rule = try cursor.parseOr()
        guard cursor.isAtEnd else { throw cursor.error("unexpected \(cursor.peek.map(String.init(describing:)) ?? "end")") }
        return rule
    }

    enum Token: Equatable, CustomStringConvertible {
        case open, close, and, or, not
        case check(String)

        var description: String {
            switch self {
            case .open: "("
            case .close: ")"
            case .and: "and"
            case .or: "or"
            case .not: "not"
            case .check(let text): text
            }
        }
    }

    /// oslo's tokenizer: split on whitespace (quotes kept whole), then peel
    /// leading `(` and trailing `)` off each word, so `%(target.id)s` stays one check.
    static func tokenize(_ text: String) throws(SyntaxError) -> [Token] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                current.append(character)
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
                current.append(character)
            } else if character.isWhitespace {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        guard quote == nil else { throw SyntaxError(rule: text, reason: "unterminated quote") }
        if !current.isEmpty { words.append(current) }

        var tokens: [Token] = []
        for word in words {
            var body = Substring(word)
            while body.first == "(" {
                tokens.append(.open)
                body = body.dropFirst()
            }
            // A target reference ends in `)s`, so any trailing `)` closes a group.
            var closing = 0
            while body.last == ")" {
                closing += 1
                body = body.dropLast()
            }
            if !body.isEmpty {
                switch body.lowercased() {
                case "and": tokens.append(.and)
                case "or": tokens.append(.or)
                case "not": tokens.append(.not)
                default: tokens.append(.check(String(body)))
                }
            }
            tokens += Array(repeating: .close, count: closing)
        }
        return tokens
    }

    struct Cursor {
        var tokens: [Token]
        var index = 0
        let text: String

        var isAtEnd: Bool { index == tokens.count }
        var peek: Token? { isAtEnd ? nil : tokens[index] }

        func error(_ reason: String) -> SyntaxError { SyntaxError(rule: text, reason: reason) }

        mutating func parseOr() throws(SyntaxError) -> PolicyRule {
            var terms = [try parseAnd()]
            while peek == .or {
                index += 1
                terms.append(try parseAnd())
            }
            return terms.count == 1 ? terms[0] : .or(terms)
        }

        mutating func parseAnd() throws(SyntaxError) -> PolicyRule {
            var terms = [try parseNot()]
            while peek == .and {
                index += 1
                terms.append(try parseNot())
            }
            return terms.count == 1 ? terms[0] : .and(terms)
        }

        mutating func parseNot() throws(SyntaxError) -> PolicyRule {
            if peek == .not {
                index += 1
                return .not(try parseNot())
            }
            return try parseAtom()
        }

        mutating func parseAtom() throws(SyntaxError) -> PolicyRule {
            guard let token = peek else { throw error("rule ends early") }
            index += 1
            switch token {
            case .open:
                let inner = try parseOr()
                guard peek == .close else { throw error("missing )") }
                index += 1
                return inner
            case .check(let text):
                return try PolicyParser.check(text, rule: self.text)
            default:
                throw error("unexpected \(token)")
            }
        }
    }

    static func check(_ text: String, rule: String) throws(SyntaxError) -> PolicyRule {
        if text == "@" { return .always }
        if text == "!" { return .never }
        guard let colon = text.firstIndex(of: ":") else {
            throw SyntaxError(rule: rule, reason: "\"\(text)\" is not KIND:MATCH")
        }
        let kind = String(text[..<colon])
        let raw = String(text[text.index(after: colon)...])
        guard !kind.isEmpty, !raw.isEmpty else {
            throw SyntaxError(rule: rule, reason: "\"\(text)\" is not KIND:MATCH")
        }
        let operand = operand(raw)
        switch kind {
        case "role":
            guard case .string(let name) = operand else { break }
            return .role(name)
        case "rule":
            guard case .string(let name) = operand else { break }
            return .rule(name)
        default:
            return .match(key: kind, value: operand)
        }
        return .match(key: kind, value: operand)
    }

    static func operand(_ raw: String) -> PolicyOperand {
        if raw.count >= 2, let first = raw.first, first == "'" || first == "\"", raw.last == first {
            return .string(String(raw.dropFirst().dropLast()))
        }
        if raw.hasPrefix("%("), raw.hasSuffix(")s") {
            return .target(String(raw.dropFirst(2).dropLast(2)))
        }
        if raw == "True" { return .bool(true) }
        if raw == "False" { return .bool(false) }
        return .string(raw)
    }
}
