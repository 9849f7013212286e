import Foundation

/// A domain named by id or by name.
public enum DomainReference: Sendable, Equatable {
    case id(String)
    case name(String)
}

/// A user named by id, or by name within a domain.
public enum UserReference: Sendable, Equatable {
    case id(String)
    case name(String, domain: DomainReference)

    /// How the user appears in failure logs: never the password.
    public var logDescription: String {
        switch self {
        case .id(let id): return id
        case .name(let name, .id(let domain)): return "\(name)@\(domain)"
        case .name(let name, .name(let domain)): return "\(name)@\(domain)"
        }
    }
}

/// A project named by id, or by name within a domain.
public enum ProjectReference: Sendable, Equatable {
    case id(String)
    case name(String, domain: DomainReference)
}

/// What the new token should be scoped to.
public enum ScopeRequest: Sendable, Equatable {
    /// No scope given: the user's default project if they have a role there, else unscoped.
    case `default`
    case unscoped
    case project(ProjectReference)
    case domain(DomainReference)
    case system
}

/// `POST /v3/auth/tokens`, decoded.
public struct AuthRequest: Sendable {
    public enum Proof: Sendable {
        case password(user: UserReference, password: String)
        case token(String)
    }

    public var proof: Proof
    public var scope: ScopeRequest
    public var sourceAddress: String

    public init(proof: Proof, scope: ScopeRequest, sourceAddress: String) {
        self.proof = proof
        self.scope = scope
        self.sourceAddress = sourceAddress
    }
}

/// A token just issued: the secret (shown once) and what it grants.
public struct IssuedToken: Sendable {
    public var secret: String
    public var context: AuthContext
}
