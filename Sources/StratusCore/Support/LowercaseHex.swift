/// Lowercase hex digits of bytes, written by hand: `String(format: "%02x")`
/// per byte goes through Foundation's formatter, which a token check (its
/// SHA-256) and every listed server's `hostId` paid 32 times each.
enum LowercaseHex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func string<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
