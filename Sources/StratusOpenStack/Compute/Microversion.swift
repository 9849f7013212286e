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
        guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]), major >= 0, minor >= 0,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && !$0.contains("+") && !$0.contains("-") })
        else { return nil }
        self.init(major, minor)
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
