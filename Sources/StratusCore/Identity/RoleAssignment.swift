import Foundation

/// Where a role assignment or a token applies.
public enum AssignmentScope: Sendable, Equatable, Hashable {
    case project(String)
    case domain(String)
    /// The whole deployment (Keystone's system scope, `{"system": {"all": true}}`).
    case system
}

/// Who holds an assigned role: a user directly, or every member of a group.
public enum AssignmentActor: Sendable, Equatable, Hashable {
    case user(String)
    case group(String)
}

/// An actor holds a role on a project, a domain or the system.
public struct RoleAssignment: Sendable, Equatable, Hashable {
    public var actor: AssignmentActor
    public var roleID: String
    public var scope: AssignmentScope

    public init(actor: AssignmentActor, roleID: String, scope: AssignmentScope) {
        self.actor = actor
        self.roleID = roleID
        self.scope = scope
    }

    public init(userID: String, roleID: String, scope: AssignmentScope) {
        self.init(actor: .user(userID), roleID: roleID, scope: scope)
    }

    public init(groupID: String, roleID: String, scope: AssignmentScope) {
        self.init(actor: .group(groupID), roleID: roleID, scope: scope)
    }

    public var userID: String? {
        if case .user(let id) = actor { return id }
        return nil
    }

    public var groupID: String? {
        if case .group(let id) = actor { return id }
        return nil
    }
}

/// Filters of `GET /v3/role_assignments`; nil means "any". `userID` and
/// `groupID` select direct assignments of that actor only.
public struct RoleAssignmentFilter: Sendable, Equatable {
    public var userID: String?
    public var groupID: String?
    public var roleID: String?
    public var scope: AssignmentScope?

    public init(userID: String? = nil, groupID: String? = nil, roleID: String? = nil, scope: AssignmentScope? = nil) {
        self.userID = userID
        self.groupID = groupID
        self.roleID = roleID
        self.scope = scope
    }
}
