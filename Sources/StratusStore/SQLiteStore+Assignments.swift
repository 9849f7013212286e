import Foundation
import GRDB
import StratusCore

extension SQLiteStore {
    /// One table per kind of scope; a filter on one scope reads only its table.
    enum AssignmentTable: CaseIterable {
        case project, domain, system

        var name: String {
            switch self {
            case .project: "project_role_assignments"
            case .domain: "domain_role_assignments"
            case .system: "system_role_assignments"
            }
        }

        /// The column naming the scope's target; the system has none.
        var scopeColumn: String? {
            switch self {
            case .project: "project_id"
            case .domain: "domain_id"
            case .system: nil
            }
        }

        static func of(_ scope: AssignmentScope) -> (table: AssignmentTable, target: String?) {
            switch scope {
            case .project(let id): (.project, id)
            case .domain(let id): (.domain, id)
            case .system: (.system, nil)
            }
        }

        func scope(_ row: Row) -> AssignmentScope {
            switch self {
            case .project: .project(row["project_id"])
            case .domain: .domain(row["domain_id"])
            case .system: .system
            }
        }
    }

    public func assignments(_ filter: RoleAssignmentFilter) async throws -> [RoleAssignment] {
        var queries: [(AssignmentTable, String, StatementArguments)] = []
        let wanted = filter.scope.map { [AssignmentTable.of($0)] }
            ?? AssignmentTable.allCases.map { ($0, nil) }
        for (table, target) in wanted {
            var conditions = SQLFilter()
            conditions.add("user_id = ?", filter.userID)
            conditions.add("role_id = ?", filter.roleID)
            if let column = table.scopeColumn { conditions.add("\(column) = ?", target) }
            let order = ["user_id", table.scopeColumn, "role_id"].compactMap { $0 }.joined(separator: ", ")
            queries.append((table, "SELECT * FROM \(table.name)\(conditions.whereClause) ORDER BY \(order)", conditions.arguments))
        }
        let plan = queries
        return try await read { db in
            var result: [RoleAssignment] = []
            for (table, sql, arguments) in plan {
                result += try Row.fetchAll(db, sql: sql, arguments: arguments).map {
                    RoleAssignment(userID: $0["user_id"], roleID: $0["role_id"], scope: table.scope($0))
                }
            }
            return result
        }
    }

    /// Idempotent grant.
    static func insert(_ assignment: RoleAssignment, _ db: Database) throws {
        let (table, target) = AssignmentTable.of(assignment.scope)
        var columns = ["user_id", "role_id"]
        var values: [(any DatabaseValueConvertible)?] = [assignment.userID, assignment.roleID]
        if let column = table.scopeColumn {
            columns.append(column)
            values.append(target)
        }
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        try db.execute(
            sql: "INSERT OR IGNORE INTO \(table.name) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))",
            arguments: StatementArguments(values))
    }

    static func delete(_ assignment: RoleAssignment, _ db: Database) throws {
        let (table, target) = AssignmentTable.of(assignment.scope)
        var sql = "DELETE FROM \(table.name) WHERE user_id = ? AND role_id = ?"
        var values: [(any DatabaseValueConvertible)?] = [assignment.userID, assignment.roleID]
        if let column = table.scopeColumn {
            sql += " AND \(column) = ?"
            values.append(target)
        }
        try db.execute(sql: sql, arguments: StatementArguments(values))
    }
}
