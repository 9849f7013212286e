import Foundation

/// A parsed oslo.policy rule. Parsing once at startup keeps every request on
/// a plain tree walk and makes a malformed policy a boot-time error instead of
/// a silent deny in the middle of traffic.
public indirect enum PolicyRule: Sendable, Equatable {
    /// `""` or `@`: anyone holding a valid token.
    case always
    /// `!`: nobody.
    case never
    /// `role:NAME`: the caller holds the role (case-insensitive).
    case role(String)
    /// `rule:NAME`: the named rule of the same engine holds.
    case rule(String)
    /// `KEY:VALUE`: the caller's credential `KEY` matches the operand.
    case match(key: String, value: PolicyOperand)
    case and([PolicyRule])
    case or([PolicyRule])
    case not(PolicyRule)
}

/// The right-hand side of a generic `KEY:VALUE` check.
public enum PolicyOperand: Sendable, Equatable {
    /// `%(name)s`: the value of `name` in the target; missing means no match.
    case target(String)
    /// A bare word or a quoted `'string'` / `"string"`.
    case string(String)
    /// `True` / `False`.
    case bool(Bool)
}

// MARK: - Rendering

/// Renders in the syntax the parser accepts, so a rule can be logged and
/// re-parsed to the same tree.
extension PolicyRule: CustomStringConvertible {
    public var description: String {
        switch self {
        case .always: return "@"
        case .never: return "!"
        case .role(let name): return "role:" + PolicyOperand.string(name).description
        case .rule(let name): return "rule:" + PolicyOperand.string(name).description
        case .match(let key, let value): return key + ":" + value.description
        case .and(let rules):
            return rules.map { $0.rendered(parenthesizeIf: $0.isAnd || $0.isOr) }.joined(separator: " and ")
        case .or(let rules):
            return rules.map { $0.rendered(parenthesizeIf: $0.isOr) }.joined(separator: " or ")
        case .not(let rule):
            return "not " + rule.rendered(parenthesizeIf: rule.isAnd || rule.isOr)
        }
    }

    private func rendered(parenthesizeIf condition: Bool) -> String {
        condition ? "(" + description + ")" : description
    }

    private var isAnd: Bool { if case .and = self { true } else { false } }
    private var isOr: Bool { if case .or = self { true } else { false } }
}

extension PolicyOperand: CustomStringConvertible {
    public var description: String {
        switch self {
        case .target(let name): return "%(" + name + ")s"
        case .bool(let value): return value ? "True" : "False"
        case .string(let text):
            let needsQuotes = text.isEmpty || text == "True" || text == "False" || text.contains("%(")
                || text.contains { $0.isWhitespace || "()'\"".contains($0) }
            guard needsQuotes else { return text }
            let quote = text.contains("'") ? "\"" : "'"
            return quote + text + quote
        }
    }
}
