import Foundation

/// Evaluates named oslo.policy rules. Fails closed: an unknown action, a
/// reference to a missing rule, a reference cycle or a missing target field
/// all deny.
public struct PolicyEngine: Sendable {
    public private(set) var rules: [String: PolicyRule]

    /// `defaults` are the built-in rule strings; `overrides` (an operator's
    /// policy file) replace them by name. Both are parsed once, here.
    public init(defaults: [String: String], overrides: [String: String] = [:]) throws(PolicyParser.SyntaxError) {
        var merged = defaults
        for (name, text) in overrides { merged[name] = text }
        var parsed: [String: PolicyRule] = [:]
        for (name, text) in merged { parsed[name] = try PolicyParser.parse(text) }
        rules = parsed
    }

    public init(rules: [String: PolicyRule]) {
        self.rules = rules
    }

    public func isAllowed(_ action: String, credentials: PolicyCredentials, target: PolicyTarget = PolicyTarget()) -> Bool {
        guard let rule = rules[action] else { return false }
        var visiting: Set<String> = [action]
        var broken = false
        let allowed = evaluate(rule, credentials, target, &visiting, &broken)
        // A cycle or a reference to a missing rule denies the whole decision:
        // under `not`, the false where it was cut would otherwise allow.
        return allowed && !broken
    }

    public func enforce(_ action: String, credentials: PolicyCredentials, target: PolicyTarget = PolicyTarget()) throws(PolicyDenied) {
        guard isAllowed(action, credentials: credentials, target: target) else { throw PolicyDenied(action: action) }
    }

    private func evaluate(
        _ rule: PolicyRule, _ credentials: PolicyCredentials, _ target: PolicyTarget, _ visiting: inout Set<String>,
        _ broken: inout Bool
    ) -> Bool {
        switch rule {
        case .always:
            return true
        case .never:
            return false
        case .role(let name):
            return credentials.roles.contains(name.lowercased())
        case .rule(let name):
            guard let referenced = rules[name], visiting.insert(name).inserted else {
                broken = true
                return false
            }
            defer { visiting.remove(name) }
            return evaluate(referenced, credentials, target, &visiting, &broken)
        case .match(let key, let operand):
            return matches(key, operand, credentials, target)
        case .and(let terms):
            return terms.allSatisfy { evaluate($0, credentials, target, &visiting, &broken) }
        case .or(let terms):
            return terms.contains { evaluate($0, credentials, target, &visiting, &broken) }
        case .not(let inner):
            return !evaluate(inner, credentials, target, &visiting, &broken)
        }
    }

    private func matches(_ key: String, _ operand: PolicyOperand, _ credentials: PolicyCredentials, _ target: PolicyTarget) -> Bool {
        let expected: String
        switch operand {
        case .target(let name):
            guard let value = target[name] else { return false }
            expected = value
        case .string(let text):
            expected = text
        case .bool(let flag):
            expected = flag ? "True" : "False"
        }
        // oslo's reversed form: `'literal':%(target.x)s` compares constants to the target.
        if key.hasPrefix("'"), key.hasSuffix("'"), key.count >= 2 {
            return String(key.dropFirst().dropLast()) == expected
        }
        guard let actual = credentials.value(of: key) else { return false }
        return actual == expected
    }
}
