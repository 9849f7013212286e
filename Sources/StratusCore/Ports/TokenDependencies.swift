import Foundation

/// Everything a token's validity depends on, read by the store from one
/// snapshot so that validating a token (every API request) is one round trip
/// instead of one per row. The core still makes every decision from it
/// (`IdentityService.context(for:)`); nil members are rows that do not exist.
public struct TokenDependencies: Sendable {
    public var user: User?
    public var userDomain: Domain?
    /// Project scope: the project and its domain.
    public var project: Project?
    public var projectDomain: Domain?
    /// Domain scope: the domain.
    public var domain: Domain?
    /// Assignments reaching the user on the token's scope: their own and their
    /// groups' (empty when unscoped).
    public var assignments: [RoleAssignment]
    /// Read only when `assignments` is not empty.
    public var implications: [RoleImplication]
    /// The global roles, read only when `assignments` is not empty.
    public var roles: [Role]

    public init(
        user: User?, userDomain: Domain?, project: Project? = nil, projectDomain: Domain? = nil,
        domain: Domain? = nil, assignments: [RoleAssignment] = [], implications: [RoleImplication] = [],
        roles: [Role] = []
    ) {
        self.user = user
        self.userDomain = userDomain
        self.project = project
        self.projectDomain = projectDomain
        self.domain = domain
        self.assignments = assignments
        self.implications = implications
        self.roles = roles
    }
}
