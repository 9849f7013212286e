import Foundation

/// Builds an API's default rule set: its named building blocks plus one rule
/// per action, so no action can be left without a rule.
enum PolicyDefaults {
    /// Cloud-wide powers: `admin` on the system or on the designated admin project
    /// (Keystone's `is_admin_project`), never `admin` of just any project.
    static let cloudAdmin = "role:admin and (system_scope:all or is_admin_project:True)"

    static func rules<Action: CaseIterable & RawRepresentable>(
        base: [String: String], rule: (Action) -> String
    ) -> [String: String] where Action.RawValue == String {
        var rules = base
        rules["cloud_admin"] = cloudAdmin
        for action in Action.allCases { rules[action.rawValue] = rule(action) }
        return rules
    }
}
