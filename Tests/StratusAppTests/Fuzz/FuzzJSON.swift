import StratusOpenStack

/// A seeded, reproducible source of hostile JSON: numbers at and past every
/// integer and float bound, strings with control characters and odd Unicode,
/// wrong types and nesting, shaped as objects whose keys the decoders read, so
/// the values reach the code behind the first type check.
struct FuzzJSON {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// SplitMix64: tiny, seedable, good enough to spread cases.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// Numbers as the JSON decoder hands them over: `.int` when an Int holds the
    /// literal, `.double` otherwise (1e19, 18446744073709551616, 1e-320).
    static let numbers: [JSONValue] = [
        .double(1e19), .double(-1e19), .double(1.7976931348623157e308), .double(-1.7976931348623157e308),
        .double(1.8446744073709552e19), .double(9.223372036854775808e18), .double(-9.223372036854775808e18),
        .double(-0.0), .double(.leastNonzeroMagnitude * 2_024) /* ≈ 1e-320 */, .double(.leastNonzeroMagnitude), .double(0.5), .double(-0.5), .double(1.5), .double(1e15),
        .double(4.5e15), .double(3.40282e38), .double(3.5e38), .double(1e308),
        .int(Int.max), .int(Int.min), .int(Int.min + 1), .int(2_147_483_647), .int(2_147_483_648), .int(-2_147_483_648),
        .int(-2_147_483_649), .int(4_294_967_296), .int(0), .int(1), .int(-1), .int(-2), .int(65535), .int(65536),
        .int(255), .int(256), .int(1000), .int(1001),
    ]

    static let strings: [String] = [
        "", " ", "  x  ", "\u{0}", "a\u{0}b", "\u{7}\u{1B}[2J", "\n", "\r\n", "\t", "\u{7F}", "\u{85}",
        "0", "-0", "00", "+1", "-1", "1.0", "1e19", "-1e19", "18446744073709551616", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "2147483648", "1e-320", "1e308", "NaN", "inf", "-inf",
        "2.1", "2.99999999999999999999", "99999999999999999999.1", "latest", "true", "false", "null", "None",
        "%", "%00", "%ZZ", "%FF%FE", "../../etc/passwd", "/", "//", "~", "~2", ":", "::", ",", ",,", "=", "&",
        "b'", "b''", "'", "\"", "\\", "{}", "[]", "\u{FFFF}", "\u{FFFE}", "\u{10FFFF}", "\u{E000}", "\u{202E}abc",
        "a\u{301}", "\u{301}", "🇸🇪👨‍👩‍👧", "ǅ", "ß", "İ", "0.0.0.0/0", "255.255.255.255/32", "10.0.0.0/-1",
        "10.0.0.0/33", "1.2.3.4/99999999999999999999", "::/0", "2001:db8::/129", "fe80::1%eth0",
        "2011-01-01T00:00:00Z", "99999-12-31T23:59:59", "0000-00-00T00:00:00", "1970-01-01 00:00:00.9999999",
        "ssh-rsa AAAA", "ssh-rsa ////", "-----BEGIN CERTIFICATE-----", "auto", "none", "image", "volume", "local",
        "blank", "snapshot", "ICMP", "TCP", "udp", "asc", "desc", "name:", ":asc", "name:up",
        String(repeating: "x", count: 256), String(repeating: "é", count: 70_000),
        String(repeating: "[", count: 600), String(repeating: "9", count: 400),
    ]

    mutating func scalar() -> JSONValue {
        switch below(10) {
        case 0: return .null
        case 1: return .bool(below(2) == 0)
        case 2, 3, 4: return pick(Self.numbers)
        case 5: return .int(Int(bitPattern: UInt(truncatingIfNeeded: next())))
        default: return .string(pick(Self.strings))
        }
    }

    /// Any value: mostly scalars, sometimes arrays and objects over `keys`.
    mutating func value(keys: [String], depth: Int = 0) -> JSONValue {
        guard depth < 4 else { return scalar() }
        switch below(8) {
        case 0: return .array((0..<below(4)).map { _ in value(keys: keys, depth: depth + 1) })
        case 1: return object(keys: keys, depth: depth + 1)
        case 2 where depth == 0 && below(40) == 0: return Self.nested(depth: 500)
        default: return scalar()
        }
    }

    /// An object whose keys are mostly ones a decoder reads (plus the odd stranger).
    mutating func object(keys: [String], depth: Int = 0) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for _ in 0..<below(keys.count + 2) {
            let key = below(12) == 0 ? pick(Self.strings) : pick(keys)
            members[key] = value(keys: keys, depth: depth + 1)
        }
        return .object(members)
    }

    /// `[[[…]]]` `depth` deep: the JSON parser admits up to 512 levels.
    static func nested(depth: Int) -> JSONValue {
        (0..<depth).reduce(JSONValue.array([])) { inner, _ in .array([inner]) }
    }
}
