/// The names a host may enroll under, which its certificate's CN and SAN carry:
/// a DNS-style name (the in-process hosts' `sim-1`, `qemu-2` are such names).
/// 1–255 characters of ASCII letters, digits, `.` and `-`; dot-separated labels
/// of 1–63 characters, none starting or ending with `-`.
public enum EnrollmentHostName {
    public static let maximumLength = 255

    public static func validate(_ name: String) throws -> String {
        guard isValid(name) else { throw HostEnrollmentError.invalidHostName(String(name.prefix(maximumLength))) }
        return name
    }

    public static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= maximumLength else { return false }
        let labels = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            guard let first = label.first, let last = label.last, label.count <= 63 else { return false }
            return first != UInt8(ascii: "-") && last != UInt8(ascii: "-") && label.allSatisfy(isNameByte)
        }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == UInt8(ascii: "-")
    }
}
