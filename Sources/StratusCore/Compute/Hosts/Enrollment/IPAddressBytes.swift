import Foundation

/// An IP address's network-order bytes (4 or 16), as a certificate's SAN holds it.
public enum IPAddressBytes {
    public static func parse(_ text: String) -> [UInt8]? {
        if let v4 = IPv4.parse(text) { return withUnsafeBytes(of: v4.bigEndian) { Array($0) } }
        return parseIPv6(text)
    }

    /// RFC 4291 text: eight groups of 1–4 hex digits, one `::` for a run of zero
    /// groups. (The dotted IPv4 tail form is not taken.)
    static func parseIPv6(_ text: String) -> [UInt8]? {
        guard text.utf8.count <= 39, text.contains(":") else { return nil }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var values: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(group.count), let value = UInt16(group, radix: 16) else { return nil }
                values.append(value)
            }
            return values
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
            all += Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        return all.flatMap { [UInt8(truncatingIfNeeded: $0 >> 8), UInt8(truncatingIfNeeded: $0)] }
    }
}
