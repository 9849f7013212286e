import Foundation

/// Builds an API's default rule set: its named building blocks plus one rule
/// per action, so no action can be left without a rule.
enum PolicyDefaults {
    static func rules<Action: CaseIterable & RawRepresentable>(
        base: [String: String], rule: (Action) -> String
    ) -> [String: String] where Action.RawValue == String {
        var rules = base
        for action in Action.allCases { rules[action.rawValue] = rule(action) }
        return rules
    }
}
