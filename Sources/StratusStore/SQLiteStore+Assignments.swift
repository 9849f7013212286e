import Foundation
import GRDB
import StratusCore

extension SQLiteStore {
    /// One table per kind of actor and scope; a filter on one of them reads
    /// only the matching tables.
    struct AssignmentTable {
        enum ScopeKind: CaseIterable { case project, domain, system }
        enum ActorKind: CaseIterable { case user, group }

        var scope: ScopeKind
        var actor: ActorKind

        var name: String {
            let actorPart = actor == .group ? "group_" : ""
            switch scope {
            case .project: return "project_\(actorPart)role_assignments"
            case .domain: return "domain_\(actorPart)role_assignments"
            case .system: return "system_\(actorPart)role_assignments"
            }
        }

        var actorColumn: String { actor == .user ? "user_id" : "group_id" }

        /// The column naming the scope's target; the system has none.
        var scopeColumn: String? {
            switch scope {
            case .project: "project_id"
            case .domain: "domain_id"
            case .system: nil
            }
        }

        static func of(_ scope: AssignmentScope) -> (kind: ScopeKind, target: String?) {
            switch scope {
            case .project(let id): (.project, id)
            case .domain(let id): (.domain, id)
            case .system: (.system, nil)
            }
        }

        static func of(_ actor: AssignmentActor) -> (kind: ActorKind, id: String) {
            switch actor {
            case .user(let id): (.user, id)
            case .group(let id): (.group, id)
            }
        }

        func assignment(_ row: Row) -> RoleAssignment {
            let actorID: String = row[actorColumn]
            let scope: AssignmentScope
            switch self.scope {
            case .project: scope = .project(row["project_id"])
            case .domain: scope = .domain(row["domain_id"])
            case .system: scope = .system
            }
            return RoleAssignment(
                actor: actor == .user ? .user(actorID) : .group(actorID), roleID: row["role_id"], scope: scope)
        }
    }

    public func assignments(_ filter: RoleAssignmentFilter) async throws -> [RoleAssignment] {
        try await read { db in try Self.assignments(filter, db) }
    }

    /// The assignments matching `filter`, read in the caller's snapshot.
    static func assignments(_ filter: RoleAssignmentFilter, _ db: Database) throws -> [RoleAssignment] {
        let scopes = filter.scope.map { [AssignmentTable.of($0)] } ?? AssignmentTable.ScopeKind.allCases.map { ($0, nil) }
        var actors: [(AssignmentTable.ActorKind, String?)] = []
        switch (filter.userID, filter.groupID) {
        case (let user?, nil): actors = [(.user, user)]
        case (nil, let group?): actors = [(.group, group)]
        case (nil, nil): actors = [(.user, nil), (.group, nil)]
        case (_?, _?): return []  // an assignment has one actor
        }
        var queries: [(AssignmentTable, String, StatementArguments)] = []
        for (actor, actorID) in actors {
            for (scope, target) in scopes {
                let table = AssignmentTable(scope: scope, actor: actor)
                var conditions = SQLFilter()
                conditions.add("\(table.actorColumn) = ?", actorID)
                conditions.add("role_id = ?", filter.roleID)
                if let column = table.scopeColumn { conditions.add("\(column) = ?", target) }
                let order = [table.actorColumn, table.scopeColumn, "role_id"].compactMap { $0 }.joined(separator: ", ")
                queries.append((table, "SELECT * FROM \(table.name)\(conditions.whereClause) ORDER BY \(order)",
                                conditions.arguments))
            }
        }
        var result: [RoleAssignment] = []
        for (table, sql, arguments) in queries {
            result += try Row.fetchMapped(db, sql: sql, arguments: arguments, table.assignment)
        }
        return result
    }

    /// The row's columns and values for an assignment.
    private static func row(_ assignment: RoleAssignment) -> (AssignmentTable, [String], [(any DatabaseValueConvertible)?]) {
        let (scopeKind, target) = AssignmentTable.of(assignment.scope)
        let (actorKind, actorID) = AssignmentTable.of(assignment.actor)
        let table = AssignmentTable(scope: scopeKind, actor: actorKind)
        var columns = [table.actorColumn, "role_id"]
        var values: [(any DatabaseValueConvertible)?] = [actorID, assignment.roleID]
        if let column = table.scopeColumn {
            columns.append(column)
            values.append(target)
        }
        return (table, columns, values)
    }

    /// Idempotent grant.
    static func insert(_ assignment: RoleAssignment, _ db: Database) throws {
        let (table, columns, values) = row(assignment)
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        try db.execute(
            sql: "INSERT OR IGNORE INTO \(table.name) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))",
            arguments: StatementArguments(values))
    }

    static func delete(_ assignment: RoleAssignment, _ db: Database) throws {
        let (table, columns, values) = row(assignment)
        let conditions = columns.map { "\($0) = ?" }.joined(separator: " AND ")
        try db.execute(sql: "DELETE FROM \(table.name) WHERE \(conditions)", arguments: StatementArguments(values))
    }
}
