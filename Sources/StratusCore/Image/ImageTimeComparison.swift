import Foundation

/// Glance's `created_at`/`updated_at` filters (`?created_at=gt:2016-04-18T21:38:54Z`),
/// compared at the whole second the API shows for the image's time: Glance stores
/// seconds, so `gt:` a listed image's own `created_at` leaves that image out and
/// `eq:` finds it.
public struct ImageTimeComparison: Sendable, Equatable, Hashable {
    public enum Field: String, Sendable, Equatable, Hashable, CaseIterable {
        case createdAt = "created_at", updatedAt = "updated_at"
    }

    /// `utils.evaluate_filter_op`'s operators.
    public enum Operator: String, Sendable, Equatable, Hashable, CaseIterable {
        case gt, gte, lt, lte, neq, eq
    }

    public var field: Field
    public var op: Operator
    public var threshold: Date

    public init(_ field: Field, _ op: Operator, _ threshold: Date) {
        self.field = field
        self.op = op
        self.threshold = threshold
    }

    /// The second the API shows for `date`: Foundation's ISO 8601 formatter rounds
    /// to the millisecond, then drops the fraction.
    public static func shownSecond(_ date: Date) -> Double {
        ((date.timeIntervalSince1970 * 1_000).rounded() / 1_000).rounded(.down)
    }

    /// The earliest stored time shown as `second` (or later), so a store can compare
    /// its raw column instead of rounding every row.
    public static func firstInstant(shownAs second: Double) -> Double {
        second - 0.000_5
    }

    /// Which shown seconds match: at or after `lower`, before `upper`, the two
    /// bounds together for `eq` and either side of them for `neq`.
    public var secondsMatched: (lower: Double?, upper: Double?, outside: Bool) {
        let seconds = threshold.timeIntervalSince1970
        // A shown second S is > t from floor(t) + 1 and >= t from ceil(t).
        let after = seconds.rounded(.down) + 1
        let atOrAfter = seconds.rounded(.up)
        switch op {
        case .gt: return (after, nil, false)
        case .gte: return (atOrAfter, nil, false)
        case .lt: return (nil, atOrAfter, false)
        case .lte: return (nil, after, false)
        case .eq: return (atOrAfter, after, false)
        case .neq: return (atOrAfter, after, true)
        }
    }

    /// Whether an image whose `field` is `date` matches: the rule a store's query follows.
    public func admits(_ date: Date) -> Bool {
        let shown = Self.shownSecond(date)
        let bounds = secondsMatched
        let inside = (bounds.lower.map { shown >= $0 } ?? true) && (bounds.upper.map { shown < $0 } ?? true)
        return bounds.outside ? !inside : inside
    }

    public func value(of image: Image) -> Date {
        switch field {
        case .createdAt: image.createdAt
        case .updatedAt: image.updatedAt
        }
    }
}
