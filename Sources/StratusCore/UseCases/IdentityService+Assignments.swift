import Foundation

/// A role assignment with the names a listing may include. `impliedBy` is set
/// for entries that `effective` listing derived from an implication rule;
/// `viaGroup` for user entries derived from a group's assignment.
public struct ResolvedAssignment: Sendable, Equatable {
    public var assignment: RoleAssignment
    public var role: Role?
    public var user: User?
    public var group: Group?
    public var project: Project?
    public var domain: Domain?
    public var impliedBy: String?
    public var viaGroup: String?
    /// Names of the domains the actor and the project live in (`include_names`).
    public var domainNames: [String: String] = [:]

    public init(assignment: RoleAssignment, impliedBy: String? = nil, viaGroup: String? = nil) {
        self.assignment = assignment
        self.impliedBy = impliedBy
        self.viaGroup = viaGroup
    }
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

    /// `GET /v3/{projects|domains}/{id}/{users|groups}/{actor}/roles` and the system equivalent.
    public func listGrants(_ caller: Caller, actor: AssignmentActor, scope: AssignmentScope) async throws -> [Role] {
        try authorize(.listGrants, caller)
        try await requireActor(actor)
        try await requireScope(scope)
        var filter = RoleAssignmentFilter(scope: scope)
        switch actor {
        case .user(let id): filter.userID = id
        case .group(let id): filter.groupID = id
        }
        let roleIDs = Set(try await store.assignments(filter).map(\.roleID))
        return try await store.roles(IdentityListFilter()).filter { roleIDs.contains($0.id) }
    }

    /// `GET /v3/role_assignments`. With `effective`, group assignments become
    /// entries for each member and implied roles entries of their own, as
    /// Keystone lists them.
    public func listAssignments(
        _ caller: Caller, filter: RoleAssignmentFilter, effective: Bool
    ) async throws -> [ResolvedAssignment] {
        try authorize(.listRoleAssignments, caller)
        var entries: [ResolvedAssignment]
        if effective {
            if filter.groupID != nil {
                throw IdentityError.badRequest("Specifying a group and 'effective' together is not supported.")
            }
            entries = try await effectiveUserAssignments(userID: filter.userID, scope: filter.scope)
            let implications = try await store.roleImplications()
            for entry in entries {
                let implied = RoleExpansion.closure(of: [entry.assignment.roleID], implications: implications)
                for roleID in implied.sorted() where roleID != entry.assignment.roleID {
                    var derived = entry
                    derived.assignment.roleID = roleID
                    derived.impliedBy = entry.assignment.roleID
                    entries.append(derived)
                }
            }
        } else {
            let direct = try await store.assignments(
                RoleAssignmentFilter(userID: filter.userID, groupID: filter.groupID, scope: filter.scope))
            entries = direct.map { ResolvedAssignment(assignment: $0) }
        }
        if let roleID = filter.roleID { entries.removeAll { $0.assignment.roleID != roleID } }
        return try await resolveNames(entries)
    }

    /// Users' own assignments plus, for each group assignment, one entry per member.
    private func effectiveUserAssignments(userID: String?, scope: AssignmentScope?) async throws -> [ResolvedAssignment] {
        if let userID {
            return try await assignmentsReaching(userID: userID, scope: scope).map { assignment in
                guard let groupID = assignment.groupID else { return ResolvedAssignment(assignment: assignment) }
                return ResolvedAssignment(
                    assignment: RoleAssignment(userID: userID, roleID: assignment.roleID, scope: assignment.scope),
                    viaGroup: groupID)
            }
        }
        var entries: [ResolvedAssignment] = []
        for assignment in try await store.assignments(RoleAssignmentFilter(scope: scope)) {
            switch assignment.actor {
            case .user:
                entries.append(ResolvedAssignment(assignment: assignment))
            case .group(let groupID):
                for member in try await store.members(ofGroup: groupID) {
                    entries.append(ResolvedAssignment(
                        assignment: RoleAssignment(userID: member.id, roleID: assignment.roleID, scope: assignment.scope),
                        viaGroup: groupID))
                }
            }
        }
        return entries
    }

    private func resolveNames(_ entries: [ResolvedAssignment]) async throws -> [ResolvedAssignment] {
        let roles = Dictionary(uniqueKeysWithValues: try await store.roles(IdentityListFilter()).map { ($0.id, $0) })
        let domainNames = Dictionary(uniqueKeysWithValues: try await store.domains(IdentityListFilter()).map { ($0.id, $0.name) })
        var resolved: [ResolvedAssignment] = []
        for var entry in entries {
            entry.role = roles[entry.assignment.roleID]
            entry.domainNames = domainNames
            switch entry.assignment.actor {
            case .user(let id): entry.user = try await store.user(id: id)
            case .group(let id): entry.group = try await store.group(id: id)
            }
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
        var target = ["target.role.id": assignment.roleID]
        switch assignment.actor {
        case .user(let id): target["target.user.id"] = id
        case .group(let id): target["target.group.id"] = id
        }
        switch assignment.scope {
        case .project(let id): target["target.project.id"] = id
        case .domain(let id): target["target.domain.id"] = id
        case .system: break
        }
        return target
    }

    private func requireParts(of assignment: RoleAssignment) async throws {
        _ = try await roleRequired(assignment.roleID)
        try await requireActor(assignment.actor)
        try await requireScope(assignment.scope)
    }

    private func requireActor(_ actor: AssignmentActor) async throws {
        switch actor {
        case .user(let id): _ = try await userRequired(id)
        case .group(let id): _ = try await groupRequired(id)
        }
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
        var filter = RoleAssignmentFilter(roleID: assignment.roleID, scope: assignment.scope)
        switch assignment.actor {
        case .user(let id): filter.userID = id
        case .group(let id): filter.groupID = id
        }
        guard try await store.assignments(filter).contains(assignment) else {
            throw IdentityError.notFound(kind: "role assignment", id: describe(assignment))
        }
    }

    private func describe(_ assignment: RoleAssignment) -> String {
        let actor: String
        switch assignment.actor {
        case .user(let id), .group(let id): actor = id
        }
        let target: String
        switch assignment.scope {
        case .project(let id), .domain(let id): target = id
        case .system: target = "all"
        }
        return "role: \(assignment.roleID), user or group: \(actor), project, domain, or system: \(target)"
    }
}
