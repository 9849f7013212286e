import Foundation
import GRDB
import StratusCore

extension SQLiteStore {
    public func assignments(_ filter: RoleAssignmentFilter) async throws -> [RoleAssignment] {
        var project = SQLFilter()
        var domain = SQLFilter()
        project.add("user_id = ?", filter.userID)
        project.add("role_id = ?", filter.roleID)
        domain.add("user_id = ?", filter.userID)
        domain.add("role_id = ?", filter.roleID)
        var wantsProjects = true
        var wantsDomains = true
        switch filter.scope {
        case .project(let id): project.add("project_id = ?", id); wantsDomains = false
        case .domain(let id): domain.add("domain_id = ?", id); wantsProjects = false
        case nil: break
        }
        let projectQuery = "SELECT * FROM project_role_assignments\(project.whereClause) ORDER BY user_id, project_id, role_id"
        let domainQuery = "SELECT * FROM domain_role_assignments\(domain.whereClause) ORDER BY user_id, domain_id, role_id"
        let (projectArguments, domainArguments) = (project.arguments, domain.arguments)
        let (includeProjects, includeDomains) = (wantsProjects, wantsDomains)
        return try await read { db in
            var result: [RoleAssignment] = []
            if includeProjects {
                result += try Row.fetchAll(db, sql: projectQuery, arguments: projectArguments).map {
                    RoleAssignment(userID: $0["user_id"], roleID: $0["role_id"], scope: .project($0["project_id"]))
                }
            }
            if includeDomains {
                result += try Row.fetchAll(db, sql: domainQuery, arguments: domainArguments).map {
                    RoleAssignment(userID: $0["user_id"], roleID: $0["role_id"], scope: .domain($0["domain_id"]))
                }
            }
            return result
        }
    }

    /// Idempotent grant.
    static func insert(_ assignment: RoleAssignment, _ db: Database) throws {
        switch assignment.scope {
        case .project(let id):
            try db.execute(
                sql: "INSERT OR IGNORE INTO project_role_assignments (user_id, role_id, project_id) VALUES (?, ?, ?)",
                arguments: [assignment.userID, assignment.roleID, id])
        case .domain(let id):
            try db.execute(
                sql: "INSERT OR IGNORE INTO domain_role_assignments (user_id, role_id, domain_id) VALUES (?, ?, ?)",
                arguments: [assignment.userID, assignment.roleID, id])
        }
    }

    static func delete(_ assignment: RoleAssignment, _ db: Database) throws {
        switch assignment.scope {
        case .project(let id):
            try db.execute(
                sql: "DELETE FROM project_role_assignments WHERE user_id = ? AND role_id = ? AND project_id = ?",
                arguments: [assignment.userID, assignment.roleID, id])
        case .domain(let id):
            try db.execute(
                sql: "DELETE FROM domain_role_assignments WHERE user_id = ? AND role_id = ? AND domain_id = ?",
                arguments: [assignment.userID, assignment.roleID, id])
        }
    }
}
