import Foundation

/// Nova's extra-spec matching language (nova/scheduler/filters/extra_specs_ops.py): a
/// requirement is either a literal compared for equality, or an operator followed by
/// operands.
///
///     =  ==  !=  >=  <=        numeric ("=" means at least)
///     s==  s!=  s<  s<=  s>  s>=   string, by code point
///     <in> x                   value contains x
///     <all-in> x y …           value contains each of x, y, …
///     <or> a <or> b …          value equals one of a, b, …
///
/// An unrecognised first word makes the whole requirement a literal. Comparisons are by
/// Unicode scalar, as Python compares `str`, not by Swift's canonical equivalence, so
/// the same flavor matches the same hosts here as in Nova. Where Nova would raise (a
/// non-numeric value under a numeric operator, a bare `<or>`), this does not match.
public enum ExtraSpecMatcher {
    public static func matches(_ value: String?, requirement: String) -> Bool {
        let words = requirement.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let op = words.first, op == "<or>" || isOperator(op) else {
            guard let value else { return false }
            return sameScalars(value, requirement)
        }
        guard let value else { return false }
        let operands = words.dropFirst()
        if op == "<or>" {
            // Operands sit at every other word; the words between are taken as `<or>`
            // without being checked, as Nova does.
            return operands.enumerated().contains { $0.offset.isMultiple(of: 2) && sameScalars($0.element, value) }
        }
        guard let operand = operands.first else { return false }
        switch op {
        case "<in>": return containsScalars(value, operand)
        case "<all-in>": return operands.allSatisfy { containsScalars(value, $0) }
        case "s==": return sameScalars(value, operand)
        case "s!=": return !sameScalars(value, operand)
        case "s<": return precedes(value, operand)
        case "s<=": return !precedes(operand, value)
        case "s>": return precedes(operand, value)
        case "s>=": return !precedes(value, operand)
        default: return numeric(op, value, operand)
        }
    }

    private static let numericOperators: Set<String> = ["=", "==", "!=", ">=", "<="]
    private static let otherOperators: Set<String> = ["<in>", "<all-in>", "s==", "s!=", "s<", "s<=", "s>", "s>="]

    private static func isOperator(_ word: String) -> Bool {
        numericOperators.contains(word) || otherOperators.contains(word)
    }

    private static func numeric(_ op: String, _ value: String, _ operand: String) -> Bool {
        guard let lhs = Double(value), let rhs = Double(operand) else { return false }
        switch op {
        case "=", ">=": return lhs >= rhs
        case "==": return lhs == rhs
        case "!=": return lhs != rhs
        case "<=": return lhs <= rhs
        default: return false
        }
    }

    private static func sameScalars(_ lhs: String, _ rhs: String) -> Bool {
        lhs.unicodeScalars.elementsEqual(rhs.unicodeScalars)
    }

    private static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.unicodeScalars.lexicographicallyPrecedes(rhs.unicodeScalars)
    }

    private static func containsScalars(_ haystack: String, _ needle: String) -> Bool {
        let hay = Array(haystack.unicodeScalars)
        let pin = Array(needle.unicodeScalars)
        guard !pin.isEmpty else { return true }
        guard pin.count <= hay.count else { return false }
        return (0...(hay.count - pin.count)).contains { start in hay[start..<(start + pin.count)].elementsEqual(pin) }
    }
}
