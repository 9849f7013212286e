import Foundation

/// Nova's server tag rules (2.26): 1–60 characters, no `/` or `,`, at most 50
/// per server. A server's tags are a set; Nova lists them in key order.
public enum ServerTags {
    public static let maxCount = 50
    public static let maxLength = 60

    /// Why `tag` breaks the schema, in jsonschema's words; nil when it is valid.
    public static func violation(_ tag: String) -> String? {
        if tag.isEmpty { return "'' should be non-empty" }
        if tag.count > maxLength { return "'\(tag)' is too long" }
        if tag.contains("/") || tag.contains(",") { return "'\(tag)' does not match '^[^,/]*$'" }
        return nil
    }

    /// A body's list (create at 2.52, `PUT /tags`): each tag valid, at most 50.
    public static func checkList(_ tags: [String], field: String = "tags") throws(ComputeError) {
        for (index, tag) in tags.enumerated() {
            if let problem = violation(tag) {
                throw .badRequest("Invalid input for field/attribute \(index). Value: \(tag). \(problem)")
            }
        }
        if tags.count > maxCount {
            throw .badRequest("Invalid input for field/attribute \(field). Value: \(pythonList(tags)). \(pythonList(tags)) is too long")
        }
    }

    /// `PUT /servers/{id}/tags/{tag}`'s own wording.
    public static func checkPathTag(_ tag: String) throws(ComputeError) {
        if let problem = violation(tag) {
            throw .badRequest("Tag '\(tag)' is invalid. It must be a non empty string without characters '/' and ','. Validation error message: \(problem)")
        }
    }

    /// The stored form: each tag once, in order.
    public static func normalized(_ tags: [String]) -> [String] {
        Array(Set(tags)).sorted()
    }

    static func pythonList(_ items: [String]) -> String {
        "[" + items.map { "'\($0)'" }.joined(separator: ", ") + "]"
    }
}
