import Foundation

/// What a token is scoped to.
public enum TokenScope: Sendable, Equatable {
    case unscoped
    case project(String)
    case domain(String)
    /// The whole deployment: Keystone's `{"system": {"all": true}}`.
    case system
}

/// A stored token. Only the SHA-256 of the secret is kept, so a database leak
/// yields no usable token.
public struct TokenRecord: Sendable, Equatable {
    public var secretHash: String
    public var userID: String
    public var scope: TokenScope
    public var methods: [String]
    public var auditID: String
    public var issuedAt: Date
    public var expiresAt: Date

    public init(
        secretHash: String, userID: String, scope: TokenScope, methods: [String],
        auditID: String, issuedAt: Date, expiresAt: Date
    ) {
        self.secretHash = secretHash
        self.userID = userID
        self.scope = scope
        self.methods = methods
        self.auditID = auditID
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
    }
}
