/// A Compute API microversion, `MAJOR.MINOR`. Responses change shape at
/// exact versions, so fronts compare with `>=` against named constants.
public struct Microversion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(_ major: Int, _ minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Parses `2.42`; nil for anything else (`2`, `2.x`, `02.1` is accepted as Nova does via int()).
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let major = Self.number(parts[0]), let minor = Self.number(parts[1]) else { return nil }
        self.init(major, minor)
    }

    /// Decimal digits; more than an Int holds is `Int.max`, as Python's unbounded
    /// `int()` leaves such a version well-formed and merely unsupported (406, not 400).
    private static func number(_ digits: Substring) -> Int? {
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return nil
        }
        return Int(digits) ?? Int.max
    }

    public static func < (lhs: Microversion, rhs: Microversion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }

    public var description: String { "\(major).\(minor)" }
}

/// The range this cloud's Compute API implements. The maximum only moves up
/// when every change up to it is implemented exactly; docs/compute-microversions.md
/// says how each one is handled.
public enum ComputeAPIVersions {
    public static let minimum = Microversion(2, 1)
    public static let maximum = Microversion(2, 80)
}
