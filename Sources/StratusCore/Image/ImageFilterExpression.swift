import Foundation

/// A list filter's value in Glance's comparative syntax (`utils.split_filter_op`):
/// `op:operand`, or a bare operand meaning `eq`. The operator is kept as written, so
/// the field it filters decides which ones it knows and how an unknown one is worded.
public struct ImageFilterExpression: Sendable, Equatable {
    public var op: String
    public var operand: String

    public init(op: String, operand: String) {
        self.op = op
        self.operand = operand
    }

    /// Splits at the first colon, unless the whole text is an ISO 8601 time: the
    /// colons of `2015-08-27T09:49:58Z` do not start an operator.
    public init(parsing text: String) {
        guard let colon = text.firstIndex(of: ":"), ImageFilterTimestamp.parse(text) == nil else {
            self.init(op: "eq", operand: text)
            return
        }
        self.init(op: String(text[..<colon]), operand: String(text[text.index(after: colon)...]))
    }
}
