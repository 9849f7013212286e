/// A caller's regular expression (Nova's `name`, `ip` and `ip6` list filters) held
/// to what a backtracking engine runs in time proportional to its input: at most
/// 255 characters, no quantified group that itself repeats or alternates (`(a+)+`,
/// `(a|aa)*`: catastrophic backtracking), no back-references. Everything Nova's
/// own examples and tempest send (`^server-`, `10\.0\.0\.\d+`, `(foo|bar)`) passes.
public enum BoundedRegex {
    public static let maxLength = 255

    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case tooLong
        case nestedRepetition
        case backReference

        public var description: String {
            switch self {
            case .tooLong: "longer than \(BoundedRegex.maxLength) characters"
            case .nestedRepetition: "a repeated group that itself repeats or alternates"
            case .backReference: "a back-reference"
            }
        }
    }

    /// Throws the first hazard found; a pattern that passes still has to compile.
    public static func check(_ pattern: String) throws(Refusal) {
        let characters = Array(pattern)
        guard characters.count <= maxLength else { throw .tooLong }
        // Per open group: whether something inside repeats or alternates.
        var groups: [Bool] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "\\":
                if index + 1 < characters.count, characters[index + 1].isNumber, characters[index + 1] != "0" {
                    throw .backReference
                }
                if index + 1 < characters.count, characters[index + 1] == "k" { throw .backReference }
                index += 2
                continue
            case "[":
                index = endOfClass(characters, from: index)
                continue
            case "(":
                groups.append(false)
            case ")":
                let risky = groups.popLast() ?? false
                if risky, isQuantifier(characters, at: index + 1) { throw .nestedRepetition }
                // A group that repeats makes its enclosing group risky too.
                if risky || isQuantifier(characters, at: index + 1) { markRisky(&groups) }
            case "|":
                markRisky(&groups)
            case "*", "+", "?", "{":
                markRisky(&groups)
            default:
                break
            }
            index += 1
        }
    }

    private static func markRisky(_ groups: inout [Bool]) {
        if !groups.isEmpty { groups[groups.count - 1] = true }
    }

    /// `*`, `+`, `{n,…}` after a group; `?` alone repeats nothing.
    private static func isQuantifier(_ characters: [Character], at index: Int) -> Bool {
        guard index < characters.count else { return false }
        switch characters[index] {
        case "*", "+": return true
        case "{":
            // {n} and {n,m} with m > 1 repeat; a literal "{" is harmless either way.
            return true
        default: return false
        }
    }

    /// The index after a bracket expression's closing `]` (escapes and a leading `]` inside).
    private static func endOfClass(_ characters: [Character], from start: Int) -> Int {
        var index = start + 1
        if index < characters.count, characters[index] == "^" { index += 1 }
        if index < characters.count, characters[index] == "]" { index += 1 }
        while index < characters.count {
            if characters[index] == "\\" { index += 2; continue }
            if characters[index] == "]" { return index + 1 }
            index += 1
        }
        return index
    }
}
