import Foundation

extension IdentityService {
    public func listGroups(_ caller: Caller, filter: IdentityListFilter) async throws -> [Group] {
        try authorize(.listGroups, caller)
        return try await store.groups(filter)
    }

    public func getGroup(_ caller: Caller, id: String) async throws -> Group {
        try authorize(.getGroup, caller, target: ["target.group.id": id])
        return try await groupRequired(id)
    }

    public func createGroup(_ caller: Caller, _ draft: GroupDraft) async throws -> Group {
        let domainID = draft.domainID ?? caller.auth.project?.domainID ?? caller.auth.domain?.id ?? Domain.defaultID
        try authorize(.createGroup, caller, target: ["target.group.domain_id": domainID])
        _ = try await domainRequired(domainID)
        let group = Group(
            id: ids.newID(), name: try IdentityValidation.name(draft.name, field: "name", maxLength: 64),
            domainID: domainID, description: draft.description, version: 1)
        try await commit([.insertGroup(group), audit(caller, .createGroup, "group", group.id)]) { _ in
            Self.duplicateGroup(group)
        }
        return group
    }

    public func updateGroup(_ caller: Caller, id: String, _ patch: GroupPatch) async throws -> Group {
        try authorize(.updateGroup, caller, target: ["target.group.id": id])
        return try await withVersionRetry {
            var group = try await groupRequired(id)
            if let name = patch.name { group.name = try IdentityValidation.name(name, field: "name", maxLength: 64) }
            if let description = patch.description { group.description = description }
            try await commit([.updateGroup(group), audit(caller, .updateGroup, "group", id)]) { _ in
                Self.duplicateGroup(group)
            }
            group.version += 1
            return group
        }
    }

    /// Deleting a group removes its memberships and its role assignments.
    public func deleteGroup(_ caller: Caller, id: String) async throws {
        try authorize(.deleteGroup, caller, target: ["target.group.id": id])
        let group = try await groupRequired(id)
        try await store.commit([.deleteGroup(id: id, version: group.version), audit(caller, .deleteGroup, "group", id)])
    }

    public func listGroupMembers(_ caller: Caller, groupID: String) async throws -> [User] {
        try authorize(.listUsersInGroup, caller, target: ["target.group.id": groupID])
        _ = try await groupRequired(groupID)
        return try await store.members(ofGroup: groupID)
    }

    public func listGroupsOfUser(_ caller: Caller, userID: String) async throws -> [Group] {
        try authorize(.listGroupsForUser, caller, target: ["target.user.id": userID])
        _ = try await userRequired(userID)
        return try await store.groups(ofUser: userID)
    }

    public func addGroupMember(_ caller: Caller, groupID: String, userID: String) async throws {
        try authorize(.addUserToGroup, caller, target: ["target.group.id": groupID, "target.user.id": userID])
        _ = try await groupRequired(groupID)
        _ = try await userRequired(userID)
        try await store.commit([
            .insertMembership(GroupMembership(groupID: groupID, userID: userID)),
            audit(caller, .addUserToGroup, "group", groupID),
        ])
    }

    /// Tokens need no revocation: roles are re-read at every validation.
    public func removeGroupMember(_ caller: Caller, groupID: String, userID: String) async throws {
        try authorize(.removeUserFromGroup, caller, target: ["target.group.id": groupID, "target.user.id": userID])
        try await requireMembership(groupID: groupID, userID: userID)
        try await store.commit([
            .deleteMembership(GroupMembership(groupID: groupID, userID: userID)),
            audit(caller, .removeUserFromGroup, "group", groupID),
        ])
    }

    public func checkGroupMember(_ caller: Caller, groupID: String, userID: String) async throws {
        try authorize(.checkUserInGroup, caller, target: ["target.group.id": groupID, "target.user.id": userID])
        try await requireMembership(groupID: groupID, userID: userID)
    }

    private func requireMembership(groupID: String, userID: String) async throws {
        _ = try await groupRequired(groupID)
        _ = try await userRequired(userID)
        guard try await store.groups(ofUser: userID).contains(where: { $0.id == groupID }) else {
            throw IdentityError.notFound(kind: "user", id: "\(userID) in group \(groupID)")
        }
    }

    func groupRequired(_ id: String) async throws -> Group {
        guard let group = try await store.group(id: id) else { throw IdentityError.notFound(kind: "group", id: id) }
        return group
    }

    static func duplicateGroup(_ group: Group) -> IdentityError {
        .conflict("Conflict occurred attempting to store group - Duplicate entry found with name \(group.name) at domain ID \(group.domainID).")
    }
}
