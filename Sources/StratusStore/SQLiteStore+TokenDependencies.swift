import Foundation
import GRDB
import StratusCore

extension SQLiteStore {
    /// One read for every row a token check needs (it runs on every request);
    /// the same queries as the separate reads, so the answers are the same,
    /// and from one snapshot.
    public func dependencies(of token: TokenRecord) async throws -> TokenDependencies {
        try await read { db in
            let user = try Row.fetchOneMapped(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [token.userID], Self.user)
            var rows = TokenDependencies(user: user, userDomain: try user.flatMap { try Self.fetchDomain(id: $0.domainID, db) })
            guard user != nil else { return rows }
            let scope: AssignmentScope
            switch token.scope {
            case .unscoped:
                return rows
            case .project(let id):
                rows.project = try Row.fetchOneMapped(db, sql: "SELECT * FROM projects WHERE id = ?", arguments: [id], Self.project)
                rows.projectDomain = try rows.project.flatMap { try Self.fetchDomain(id: $0.domainID, db) }
                scope = .project(id)
            case .domain(let id):
                rows.domain = try Self.fetchDomain(id: id, db)
                scope = .domain(id)
            case .system:
                scope = .system
            }
            rows.assignments = try Self.assignments(RoleAssignmentFilter(userID: token.userID, scope: scope), db)
            let groups = try String.fetchAll(db, sql: """
                SELECT groups.id FROM groups JOIN group_members ON group_members.group_id = groups.id
                WHERE group_members.user_id = ? ORDER BY groups.name
                """, arguments: [token.userID])
            for group in groups {
                rows.assignments += try Self.assignments(RoleAssignmentFilter(groupID: group, scope: scope), db)
            }
            guard !rows.assignments.isEmpty else { return rows }
            rows.implications = try Row.fetchMapped(db, sql: "SELECT prior_role_id, implied_role_id FROM role_implications") {
                RoleImplication(priorRoleID: $0["prior_role_id"], impliedRoleID: $0["implied_role_id"])
            }
            rows.roles = try Row.fetchMapped(db, sql: "SELECT * FROM roles WHERE domain_id IS NULL ORDER BY name", Self.role)
            return rows
        }
    }

    private static func fetchDomain(id: String, _ db: Database) throws -> Domain? {
        try Row.fetchOneMapped(db, sql: "SELECT * FROM domains WHERE id = ?", arguments: [id], Self.domain)
    }
}
