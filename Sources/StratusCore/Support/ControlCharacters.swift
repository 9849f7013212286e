import Foundation

/// Names must not carry control characters (NUL, escapes, newlines): Nova's name
/// patterns exclude Unicode's `Cc` category, and a NUL in a stored name breaks
/// every client and log that reads it.
public enum ControlCharacters {
    public static func contained(in text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
