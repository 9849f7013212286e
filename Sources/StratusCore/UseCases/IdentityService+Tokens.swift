import Foundation

extension IdentityService {
    /// Validates a bearer token, re-reading the user, the scope and the roles,
    /// so disabling, deleting or unassigning takes effect at once.
    public func validate(secret: String) async throws -> AuthContext {
        guard !secret.isEmpty, secret.utf8.count <= 512,
              let record = try await store.token(secretHash: TokenSecret.hash(secret)),
              record.expiresAt > clock.now()
        else { throw IdentityError.authenticationRequired }
        return try await context(for: record)
    }

    /// `GET /v3/auth/tokens`: the caller inspects another token (or its own).
    public func inspect(_ caller: Caller, subject: String) async throws -> AuthContext {
        let subjectContext: AuthContext
        do {
            subjectContext = try await validate(secret: subject)
        } catch IdentityError.unauthorized {
            throw IdentityError.notFound(kind: "token", id: "")
        }
        try authorize(.validateToken, caller, target: ["target.token.user_id": subjectContext.user.id])
        return subjectContext
    }

    /// `DELETE /v3/auth/tokens`.
    public func revoke(_ caller: Caller, subject: String) async throws {
        let subjectContext = try await inspect(caller, subject: subject)
        try authorize(.revokeToken, caller, target: ["target.token.user_id": subjectContext.user.id])
        try await store.commit([
            .deleteToken(secretHash: subjectContext.token.secretHash),
            audit(caller, .revokeToken, "token", subjectContext.token.auditID),
        ])
    }

    /// Builds the context of a stored token, or fails if anything it depends on
    /// is gone or disabled. The rows are re-read on every call (one snapshot).
    func context(for record: TokenRecord) async throws -> AuthContext {
        try Self.context(for: record, try await store.dependencies(of: record), adminScope: settings.adminScope)
    }

    /// The decision itself, on the rows the store read.
    static func context(
        for record: TokenRecord, _ rows: TokenDependencies, adminScope: AdminScope
    ) throws -> AuthContext {
        guard let user = rows.user, user.enabled, let userDomain = rows.userDomain, userDomain.enabled
        else { throw IdentityError.authenticationRequired }
        var context = AuthContext(token: record, user: user, userDomain: userDomain)
        switch record.scope {
        case .unscoped:
            return context
        case .project:
            guard let project = rows.project, project.enabled,
                  let projectDomain = rows.projectDomain, projectDomain.enabled
            else { throw IdentityError.authenticationRequired }
            context.project = project
            context.projectDomain = projectDomain
            context.isAdminProject = adminScope.isAdminProject(project)
        case .domain:
            guard let domain = rows.domain, domain.enabled else { throw IdentityError.authenticationRequired }
            context.domain = domain
        case .system:
            context.system = true
        }
        context.roles = effectiveRoles(rows.assignments, implications: rows.implications, roles: rows.roles)
        guard !context.roles.isEmpty else { throw IdentityError.authenticationRequired }
        return context
    }

    /// Effective roles of a user on a scope: direct assignments and what they imply.
    func roles(of userID: String, on scope: AssignmentScope) async throws -> [Role] {
        let direct = try await assignmentsReaching(userID: userID, scope: scope)
        guard !direct.isEmpty else { return [] }
        return Self.effectiveRoles(
            direct, implications: try await store.roleImplications(), roles: try await store.roles(IdentityListFilter()))
    }

    /// The roles `assignments` give, implied ones included, by name.
    static func effectiveRoles(
        _ assignments: [RoleAssignment], implications: [RoleImplication], roles: [Role]
    ) -> [Role] {
        guard !assignments.isEmpty else { return [] }
        let effective = RoleExpansion.closure(of: Set(assignments.map(\.roleID)), implications: implications)
        return roles.filter { effective.contains($0.id) }.sorted { $0.name < $1.name }
    }

    /// Assignments that give a user roles: their own and their groups'.
    func assignmentsReaching(userID: String, scope: AssignmentScope? = nil) async throws -> [RoleAssignment] {
        var assignments = try await store.assignments(RoleAssignmentFilter(userID: userID, scope: scope))
        for group in try await store.groups(ofUser: userID) {
            assignments += try await store.assignments(RoleAssignmentFilter(groupID: group.id, scope: scope))
        }
        return assignments
    }

    /// Drops expired tokens; run periodically.
    public func purgeExpiredTokens() async throws {
        try await store.commit([.deleteTokensExpired(before: clock.now())])
    }
}
