import Foundation

/// Where a role assignment or a token applies.
public enum AssignmentScope: Sendable, Equatable, Hashable {
    case project(String)
    case domain(String)
    /// The whole deployment (Keystone's system scope, `{"system": {"all": true}}`).
    case system
}

/// A user holds a role on a project, a domain or the system.
public struct RoleAssignment: Sendable, Equatable, Hashable {
    public var userID: String
    public var roleID: String
    public var scope: AssignmentScope

    public init(userID: String, roleID: String, scope: AssignmentScope) {
        self.userID = userID
        self.roleID = roleID
        self.scope = scope
    }
}

/// Filters of `GET /v3/role_assignments`; nil means "any".
public struct RoleAssignmentFilter: Sendable, Equatable {
    public var userID: String?
    public var roleID: String?
    public var scope: AssignmentScope?

    public init(userID: String? = nil, roleID: String? = nil, scope: AssignmentScope? = nil) {
        self.userID = userID
        self.roleID = roleID
        self.scope = scope
    }
}
