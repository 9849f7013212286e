import Foundation

/// A validated token: who the caller is, what the token is scoped to, and the
/// effective roles there (implied roles included), re-read at validation.
public struct AuthContext: Sendable {
    public var token: TokenRecord
    public var user: User
    public var userDomain: Domain
    public var project: Project?
    public var projectDomain: Domain?
    public var domain: Domain?
    public var roles: [Role]
    /// Scoped to the whole deployment (system scope).
    public var system = false
    /// Scoped to the designated admin project (Keystone's `is_admin_project`).
    public var isAdminProject = false

    public init(
        token: TokenRecord, user: User, userDomain: Domain, project: Project? = nil,
        projectDomain: Domain? = nil, domain: Domain? = nil, roles: [Role] = []
    ) {
        self.token = token
        self.user = user
        self.userDomain = userDomain
        self.project = project
        self.projectDomain = projectDomain
        self.domain = domain
        self.roles = roles
    }

    public var roleNames: Set<String> { Set(roles.map { $0.name.lowercased() }) }

    /// Holds `admin` on the token's scope, whatever that scope is.
    public var hasAdminRole: Bool { roleNames.contains(Role.admin) }

    /// An administrator of the whole cloud: `admin` on the system or on the admin
    /// project. Cross-project reads and writes, flavors, hosts and identities are theirs;
    /// an `admin` of another project administers that project only.
    public var isCloudAdmin: Bool { hasAdminRole && (system || isAdminProject) }

    public var credentials: PolicyCredentials {
        PolicyCredentials(
            userID: user.id, userDomainID: user.domainID, projectID: project?.id,
            projectDomainID: project?.domainID, domainID: domain?.id, systemScope: system ? "all" : nil,
            roles: roleNames, isAdmin: isCloudAdmin, isAdminProject: isAdminProject
        )
    }
}

/// The caller of a use case: a validated token plus the request it came with.
public struct Caller: Sendable {
    public var auth: AuthContext
    public var requestID: String

    public init(auth: AuthContext, requestID: String) {
        self.auth = auth
        self.requestID = requestID
    }
}
