import Foundation
import GRDB
import StratusCore

extension SQLiteStore {
    /// Glance's `in:` lists and time comparisons. Column names come from the core's
    /// enums, never from the request; every value is a bound argument.
    static func addOperators(_ query: ImageListQuery, to sql: inout SQLFilter) {
        for (column, values) in query.oneOf.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            sql.add("images.\(column.rawValue)", in: values)
        }
        for comparison in query.timeComparisons {
            addTime(comparison, to: &sql)
        }
    }

    /// `ImageTimeComparison.admits` on the raw column: a shown-second bound becomes
    /// the first stored instant shown as that second, so the index still serves.
    static func addTime(_ comparison: ImageTimeComparison, to sql: inout SQLFilter) {
        let column = "images.\(comparison.field.rawValue)"
        let bounds = comparison.secondsMatched
        let lower = bounds.lower.map(ImageTimeComparison.firstInstant(shownAs:))
        let upper = bounds.upper.map(ImageTimeComparison.firstInstant(shownAs:))
        switch (lower, upper, bounds.outside) {
        case let (lower?, upper?, true):
            sql.add("(\(column) < ? OR \(column) >= ?)", [lower, upper])
        case let (lower?, upper?, false):
            sql.add("(\(column) >= ? AND \(column) < ?)", [lower, upper])
        case let (lower?, nil, _):
            sql.add("\(column) >= ?", lower)
        case let (nil, upper?, _):
            sql.add("\(column) < ?", upper)
        case (nil, nil, _):
            break
        }
    }
}
