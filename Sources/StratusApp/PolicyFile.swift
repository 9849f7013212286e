import Foundation
import StratusCore
import Yams

/// Reads an oslo.policy style override file: a YAML (or JSON) mapping of rule
/// name to rule string.
enum PolicyFile {
    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    static func load(_ path: String) throws -> [String: String] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw Invalid(description: "cannot read policy file \(path): \(error.localizedDescription)")
        }
        guard let document = try Yams.load(yaml: text) else { return [:] }
        guard let mapping = document as? [String: Any] else {
            throw Invalid(description: "policy file \(path) must be a mapping of rule names to rule strings")
        }
        var rules: [String: String] = [:]
        for (name, value) in mapping {
            guard let rule = value as? String else {
                throw Invalid(description: "policy file \(path): rule \(name) must be a string")
            }
            rules[name] = rule
        }
        return rules
    }
}
