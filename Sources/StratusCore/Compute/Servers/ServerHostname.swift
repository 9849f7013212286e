import Foundation

/// Nova's `utils.sanitize_hostname`: the server name made RFC 952/1123-safe
/// (Latin-1 only, at most 63 characters, spaces, `_` and `.` to `-`, nothing but
/// word characters and `-`, lower case, no leading or trailing `.`/`-`).
public enum ServerHostname {
    public static func sanitize(_ name: String, default fallback: String? = nil) -> String {
        let latin1 = String(String.UnicodeScalarView(name.unicodeScalars.filter { $0.value <= 0xFF }))
        var scalars = String.UnicodeScalarView()
        for scalar in latin1.prefix(63).unicodeScalars {
            if scalar == " " || scalar == "_" || scalar == "." {
                scalars.append("-")
            } else if scalar == "-" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                scalars.append(scalar)
            }
        }
        let hostname = String(scalars).lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".-"))
        if hostname.isEmpty, let fallback { return String(fallback.prefix(63)) }
        return hostname
    }
}
