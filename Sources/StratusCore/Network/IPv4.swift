import Foundation

/// IPv4 addresses as 32-bit numbers: subnets are ranges of them, and the store
/// keeps allocations as integers so "the lowest free address" is one indexed query.
public enum IPv4 {
    /// Dotted quad → number; nil unless exactly four decimal octets 0–255.
    public static func parse(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), let octet = UInt32(part), octet <= 255,
                  part == "0" || !part.hasPrefix("0")
            else { return nil }
            value = value << 8 | octet
        }
        return value
    }

    public static func format(_ value: UInt32) -> String {
        "\(value >> 24).\(value >> 16 & 0xff).\(value >> 8 & 0xff).\(value & 0xff)"
    }
}

/// An IPv4 network in CIDR form, its host bits zero (Neutron refuses others).
public struct IPv4Network: Sendable, Equatable, Hashable {
    public var base: UInt32
    public var prefixLength: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let base = IPv4.parse(String(parts[0])), let prefix = Int(parts[1]),
              (0...32).contains(prefix)
        else { return nil }
        self.base = base
        self.prefixLength = prefix
    }

    public var mask: UInt32 { Self.mask(prefixLength: prefixLength) }

    /// The netmask of a prefix length (0...32) as a number.
    public static func mask(prefixLength: Int) -> UInt32 {
        prefixLength <= 0 ? 0 : UInt32.max << UInt32(32 - min(32, prefixLength))
    }
    public var hasHostBits: Bool { base & ~mask != 0 }
    public var first: UInt32 { base & mask }
    public var last: UInt32 { first | ~mask }
    public var text: String { "\(IPv4.format(first))/\(prefixLength)" }

    public func contains(_ address: UInt32) -> Bool { address & mask == first }

    public func overlaps(_ other: IPv4Network) -> Bool {
        first <= other.last && other.first <= last
    }
}
