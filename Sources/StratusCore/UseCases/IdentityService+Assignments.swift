import Foundation

/// A role assignment with the names a listing may include. `impliedBy` is set
/// for entries that `effective` listing derived from an implication rule.
public struct ResolvedAssignment: Sendable, Equatable {
    public var assignment: RoleAssignment
    public var role: Role?
    public var user: User?
    public var project: Project?
    public var domain: Domain?
    public var impliedBy: String?
    /// Names of the domains the user and the project live in (`include_names`).
    public var domainNames: [String: String] = [:]
}

extension IdentityService {
    public func grant(_ caller: Caller, _ assignment: RoleAssignment) async throws {
        try authorize(.createGrant, caller, target: grantTarget(assignment))
        try await requireParts(of: assignment)
        try await store.commit([
            .insertAssignment(assignment), audit(caller, .createGrant, "role_assignment", describe(assignment)),
        ])
    }

    public func revokeGrant(_ caller: Caller, _ assignment: RoleAssignment) async throws {
        try authorize(.revokeGrant, caller, target: grantTarget(assignment))
        try await requireAssigned(assignment)
        try await store.commit([
            .deleteAssignment(assignment), audit(caller, .revokeGrant, "role_assignment", describe(assignment)),
        ])
    }

    public func checkGrant(_ caller: Caller, _ assignment: RoleAssignment) async throws {
        try authorize(.checkGrant, caller, target: grantTarget(assignment))
        try await requireAssigned(assignment)
    }

    /// `GET /v3/projects/{p}/users/{u}/roles` and the domain equivalent.
    public func listGrants(_ caller: Caller, userID: String, scope: AssignmentScope) async throws -> [Role] {
        try authorize(.listGrants, caller)
        _ = try await userRequired(userID)
        try await requireScope(scope)
        let roleIDs = Set(try await store.assignments(RoleAssignmentFilter(userID: userID, scope: scope)).map(\.roleID))
        return try await store.roles(IdentityListFilter()).filter { roleIDs.contains($0.id) }
    }

    /// `GET /v3/role_assignments`. With `effective`, implied roles appear as
    /// entries of their own, as Keystone lists them.
    public func listAssignments(
        _ caller: Caller, filter: RoleAssignmentFilter, effective: Bool
    ) async throws -> [ResolvedAssignment] {
        try authorize(.listRoleAssignments, caller)
        let direct = try await store.assignments(RoleAssignmentFilter(userID: filter.userID, scope: filter.scope))
        var entries = direct.map { ResolvedAssignment(assignment: $0, impliedBy: nil) }
        if effective {
            let implications = try await store.roleImplications()
            for assignment in direct {
                let implied = RoleExpansion.closure(of: [assignment.roleID], implications: implications)
                for roleID in implied.sorted() where roleID != assignment.roleID {
                    var derived = assignment
                    derived.roleID = roleID
                    entries.append(ResolvedAssignment(assignment: derived, impliedBy: assignment.roleID))
                }
            }
        }
        if let roleID = filter.roleID { entries.removeAll { $0.assignment.roleID != roleID } }
        return try await resolveNames(entries)
    }

    private func resolveNames(_ entries: [ResolvedAssignment]) async throws -> [ResolvedAssignment] {
        let roles = Dictionary(uniqueKeysWithValues: try await store.roles(IdentityListFilter()).map { ($0.id, $0) })
        let domainNames = Dictionary(uniqueKeysWithValues: try await store.domains(IdentityListFilter()).map { ($0.id, $0.name) })
        var resolved: [ResolvedAssignment] = []
        for var entry in entries {
            entry.role = roles[entry.assignment.roleID]
            entry.domainNames = domainNames
            entry.user = try await store.user(id: entry.assignment.userID)
            switch entry.assignment.scope {
            case .project(let id): entry.project = try await store.project(id: id)
            case .domain(let id): entry.domain = try await store.domain(id: id)
            case .system: break
            }
            resolved.append(entry)
        }
        return resolved
    }

    private func grantTarget(_ assignment: RoleAssignment) -> [String: String] {
        var target = ["target.user.id": assignment.userID, "target.role.id": assignment.roleID]
        switch assignment.scope {
        case .project(let id): target["target.project.id"] = id
        case .domain(let id): target["target.domain.id"] = id
        case .system: break
        }
        return target
    }

    private func requireParts(of assignment: RoleAssignment) async throws {
        _ = try await roleRequired(assignment.roleID)
        _ = try await userRequired(assignment.userID)
        try await requireScope(assignment.scope)
    }

    private func requireScope(_ scope: AssignmentScope) async throws {
        switch scope {
        case .project(let id): _ = try await projectRequired(id)
        case .domain(let id): _ = try await domainRequired(id)
        case .system: break
        }
    }

    private func requireAssigned(_ assignment: RoleAssignment) async throws {
        try await requireParts(of: assignment)
        let existing = try await store.assignments(
            RoleAssignmentFilter(userID: assignment.userID, roleID: assignment.roleID, scope: assignment.scope))
        guard existing.contains(assignment) else {
            throw IdentityError.notFound(kind: "role assignment", id: describe(assignment))
        }
    }

    private func describe(_ assignment: RoleAssignment) -> String {
        let target: String
        switch assignment.scope {
        case .project(let id), .domain(let id): target = id
        case .system: target = "all"
        }
        return "role: \(assignment.roleID), user or group: \(assignment.userID), project, domain, or system: \(target)"
    }
}
