import GRDB
import StratusCore

/// A WHERE clause built from optional filters, with bound arguments only.
struct SQLFilter {
    private var clauses: [String] = []
    private(set) var arguments = StatementArguments()

    mutating func add(_ clause: String, _ value: (any DatabaseValueConvertible)?) {
        guard let value else { return }
        clauses.append(clause)
        arguments += [value]
    }

    mutating func add(_ clause: String) {
        clauses.append(clause)
    }

    /// A clause with several placeholders, bound in order.
    mutating func add(_ clause: String, _ values: [any DatabaseValueConvertible]) {
        clauses.append(clause)
        arguments += StatementArguments(values)
    }

    /// `expression IN (?, …)`, one bound argument per value; no values match nothing
    /// (a constant false, not an empty list some SQL dialects refuse).
    mutating func add(_ expression: String, in values: [any DatabaseValueConvertible]) {
        guard !values.isEmpty else {
            clauses.append("0")
            return
        }
        add("\(expression) IN (\(databaseQuestionMarks(count: values.count)))", values)
    }

    var whereClause: String {
        clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
    }

    static func identity(_ filter: IdentityListFilter) -> SQLFilter {
        var sql = SQLFilter()
        sql.add("name = ?", filter.name)
        sql.add("domain_id = ?", filter.domainID)
        sql.add("enabled = ?", filter.enabled)
        return sql
    }
}
