import Foundation

/// A one-time permission to enroll one compute host, made by a cloud
/// administrator. Only the SHA-256 of its secret is kept: the token string
/// (`JoinTokenString`) is shown once, when it is made.
public struct JoinToken: Sendable, Equatable, Identifiable {
    public var id: String
    /// Lowercase hex SHA-256 of the secret's text.
    public var secretHash: String
    public var createdAt: Date
    public var expiresAt: Date
    /// When a host enrolled with it; a used token is refused.
    public var usedAt: Date?
    public var usedByHostName: String?
    public var description: String

    public init(
        id: String, secretHash: String, createdAt: Date, expiresAt: Date, usedAt: Date? = nil,
        usedByHostName: String? = nil, description: String
    ) {
        self.id = id
        self.secretHash = secretHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.usedAt = usedAt
        self.usedByHostName = usedByHostName
        self.description = description
    }

    /// Time to live a token is given when none is asked for, and the range allowed.
    public static let defaultTTL: TimeInterval = 3600
    public static let maximumTTL: TimeInterval = 7 * 86_400
    /// A description's longest form (characters).
    public static let maximumDescriptionLength = 255

    public func isExpired(at now: Date) -> Bool { now >= expiresAt }

    /// Why this token cannot enroll a host at `now`, or nil when it can.
    public func refusal(at now: Date) -> HostEnrollmentError? {
        if usedAt != nil { return .tokenUsed }
        if isExpired(at: now) { return .tokenExpired }
        return nil
    }
}
