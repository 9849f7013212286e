import Foundation

/// What policy knows about a caller: the fields of a validated token.
public struct PolicyCredentials: Sendable, Equatable {
    public var userID: String?
    public var userDomainID: String?
    public var projectID: String?
    public var projectDomainID: String?
    public var domainID: String?
    /// `all` for a system-scoped token (oslo's `system_scope:all`).
    public var systemScope: String?
    /// Lower-cased role names, implied roles included.
    public var roles: Set<String>
    /// oslo's `is_admin`: a cloud administrator (see `AuthContext.isCloudAdmin`).
    public var isAdmin: Bool
    /// oslo's `is_admin_project`: the token is scoped to the designated admin project.
    public var isAdminProject: Bool

    public init(
        userID: String? = nil, userDomainID: String? = nil, projectID: String? = nil,
        projectDomainID: String? = nil, domainID: String? = nil, systemScope: String? = nil, roles: Set<String> = [], isAdmin: Bool = false,
        isAdminProject: Bool = false
    ) {
        self.userID = userID
        self.userDomainID = userDomainID
        self.projectID = projectID
        self.projectDomainID = projectDomainID
        self.domainID = domainID
        self.systemScope = systemScope
        self.roles = Set(roles.map { $0.lowercased() })
        self.isAdmin = isAdmin
        self.isAdminProject = isAdminProject
    }

    /// The value of a credential key as oslo.policy names it (`user_id`, `project_id`, ...).
    public func value(of key: String) -> String? {
        switch key {
        case "user_id": userID
        case "user_domain_id": userDomainID
        case "project_id": projectID
        case "project_domain_id": projectDomainID
        case "domain_id": domainID
        case "system_scope": systemScope
        case "is_admin": isAdmin ? "True" : "False"
        case "is_admin_project": isAdminProject ? "True" : "False"
        default: nil
        }
    }
}

/// The object a request acts on, flattened to oslo's dotted keys
/// (`target.project.id`, `target.user.domain_id`, ...).
public struct PolicyTarget: Sendable, Equatable {
    public var values: [String: String]

    public init(_ values: [String: String] = [:]) {
        self.values = values
    }

    public subscript(key: String) -> String? { values[key] }
}

/// A denied action, for adapters that prefer the thrown form.
public struct PolicyDenied: Error, Sendable, Equatable {
    public var action: String
    public init(action: String) { self.action = action }
}
