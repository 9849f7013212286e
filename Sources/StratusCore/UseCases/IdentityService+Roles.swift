import Foundation

extension IdentityService {
    public func listRoles(_ caller: Caller, filter: IdentityListFilter) async throws -> [Role] {
        try authorize(.listRoles, caller)
        return try await store.roles(filter)
    }

    public func getRole(_ caller: Caller, id: String) async throws -> Role {
        try authorize(.getRole, caller)
        return try await roleRequired(id)
    }

    public func createRole(_ caller: Caller, _ draft: RoleDraft) async throws -> Role {
        try authorize(.createRole, caller)
        if let domainID = draft.domainID { _ = try await domainRequired(domainID) }
        let role = Role(
            id: ids.newID(), name: try IdentityValidation.name(draft.name, field: "name"),
            domainID: draft.domainID, description: draft.description, version: 1)
        try await commit([.insertRole(role), audit(caller, .createRole, "role", role.id)]) { _ in
            Self.duplicateRole(role)
        }
        return role
    }

    public func updateRole(_ caller: Caller, id: String, _ patch: RolePatch) async throws -> Role {
        try authorize(.updateRole, caller)
        return try await withVersionRetry {
            var role = try await roleRequired(id)
            if let name = patch.name, name != role.name {
                try Self.refuseStandard(role)
                role.name = try IdentityValidation.name(name, field: "name")
            }
            if let description = patch.description { role.description = description }
            try await commit([.updateRole(role), audit(caller, .updateRole, "role", id)]) { _ in
                Self.duplicateRole(role)
            }
            role.version += 1
            return role
        }
    }

    /// Deleting a role removes its assignments and implication rules.
    public func deleteRole(_ caller: Caller, id: String) async throws {
        try authorize(.deleteRole, caller)
        let role = try await roleRequired(id)
        try Self.refuseStandard(role)
        try await store.commit([.deleteRole(id: id, version: role.version), audit(caller, .deleteRole, "role", id)])
    }

    // MARK: Implied roles

    public func listRoleImplications(_ caller: Caller) async throws -> [RoleImplication] {
        try authorize(.listRoleInferenceRules, caller)
        return try await store.roleImplications()
    }

    public func listImpliedRoles(_ caller: Caller, priorRoleID: String) async throws -> [RoleImplication] {
        try authorize(.listImpliedRoles, caller)
        _ = try await roleRequired(priorRoleID)
        return try await store.roleImplications().filter { $0.priorRoleID == priorRoleID }
    }

    public func checkImpliedRole(_ caller: Caller, _ rule: RoleImplication) async throws {
        try authorize(.getImpliedRole, caller)
        guard try await store.roleImplications().contains(rule) else {
            throw IdentityError.notFound(kind: "implied role", id: "\(rule.priorRoleID) -> \(rule.impliedRoleID)")
        }
    }

    public func createImpliedRole(_ caller: Caller, _ rule: RoleImplication) async throws {
        try authorize(.createImpliedRole, caller)
        _ = try await roleRequired(rule.priorRoleID)
        _ = try await roleRequired(rule.impliedRoleID)
        guard rule.priorRoleID != rule.impliedRoleID else {
            throw IdentityError.forbidden("A role cannot imply itself.")
        }
        try await store.commit([
            .insertImplication(rule), audit(caller, .createImpliedRole, "role", rule.priorRoleID),
        ])
    }

    public func deleteImpliedRole(_ caller: Caller, _ rule: RoleImplication) async throws {
        try await checkImpliedRole(caller, rule)
        try authorize(.deleteImpliedRole, caller)
        try await store.commit([
            .deleteImplication(rule), audit(caller, .deleteImpliedRole, "role", rule.priorRoleID),
        ])
    }

    static func refuseStandard(_ role: Role) throws {
        guard !Role.standardNames.contains(role.name) || role.domainID != nil else {
            throw IdentityError.forbidden("The standard role \(role.name) cannot be renamed or deleted.")
        }
    }

    static func duplicateRole(_ role: Role) -> IdentityError {
        .conflict("Conflict occurred attempting to store role - Duplicate entry found with name \(role.name).")
    }
}
