import Foundation

/// Nova's `valid_description_regex`: every character printable — no control,
/// format, surrogate, private-use or unassigned code point, no line or paragraph
/// separator — and within the Basic Multilingual Plane, the range Nova builds
/// its pattern from.
public enum PrintableText {
    public static func isValid(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            guard scalar.value <= 0xFFFF else { return false }
            switch scalar.properties.generalCategory {
            case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
                return false
            default:
                return true
            }
        }
    }

    /// A description (servers 2.19: at most 255 characters; flavors 2.55: 65535).
    public static func checkDescription(_ text: String?, maxLength: Int) throws(ComputeError) {
        guard let text else { return }
        if text.count > maxLength {
            throw .badRequest("Invalid input for field/attribute description. Value: \(text). '\(text)' is too long")
        }
        if !isValid(text) {
            throw .badRequest("Invalid input for field/attribute description. Value: \(text). '\(text)' does not match the printable-characters pattern")
        }
    }
}
