import Foundation

/// A Keystone user. The password is only ever held as a KDF hash.
public struct User: Sendable, Equatable {
    public var id: String
    public var name: String
    public var domainID: String
    public var enabled: Bool
    public var passwordHash: String?
    public var defaultProjectID: String?
    public var email: String?
    public var description: String?
    /// Keystone keeps attributes it does not know (`project_id`, ...) and
    /// returns them; each value is held as its JSON text, uninterpreted.
    public var extra: [String: String]
    /// The current run of failed logins (the lockout's evidence).
    public var failedLogins: FailedLogins = .none
    public var version: Int

    public init(
        id: String, name: String, domainID: String, enabled: Bool = true,
        passwordHash: String? = nil, defaultProjectID: String? = nil,
        email: String? = nil, description: String? = nil, extra: [String: String] = [:], version: Int = 0
    ) {
        self.id = id
        self.name = name
        self.domainID = domainID
        self.enabled = enabled
        self.passwordHash = passwordHash
        self.defaultProjectID = defaultProjectID
        self.email = email
        self.description = description
        self.extra = extra
        self.version = version
    }
}
