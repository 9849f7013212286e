import Foundation

/// How an operator's password reset went.
public enum PasswordResetOutcome: Sendable, Equatable {
    /// The stored password was replaced; the user's tokens are revoked and its lockout cleared.
    case replaced(userID: String)
    /// The stored password already was this one: nothing changed.
    case unchanged(userID: String)
}

extension IdentityService {
    /// Whether the cloud has this user (the start asks before bootstrapping).
    public func userExists(named name: String, domainID: String = Domain.defaultID) async throws -> Bool {
        try await store.user(named: name, domainID: domainID) != nil
    }

    /// The operator's way back into a cloud (`stratus admin reset-password`, or
    /// `--admin-password` on a later start, as `keystone-manage bootstrap` resets
    /// the admin's password): no token needed, since whoever runs it owns the
    /// data directory. The user is re-enabled and unlocked, its tokens revoked,
    /// and the reset audited.
    public func resetPassword(
        userName: String, domainID: String = Domain.defaultID, to password: String, requestID: String
    ) async throws -> PasswordResetOutcome {
        let password = try IdentityValidation.password(password, field: "password")
        guard let user = try await store.user(named: userName, domainID: domainID) else {
            throw IdentityError.notFound(kind: "user", id: userName)
        }
        if let stored = user.passwordHash, user.enabled, user.failedLogins.count == 0,
           try await passwords.verify(password, against: stored) {
            return .unchanged(userID: user.id)
        }
        let newHash = try await passwords.hash(password)
        try await withVersionRetry {
            guard var current = try await store.user(id: user.id) else {
                throw IdentityError.notFound(kind: "user", id: userName)
            }
            current.passwordHash = newHash
            current.enabled = true
            let record = AuditRecord(
                id: ids.newID(), time: clock.now(), requestID: requestID, actorUserID: nil, actorProjectID: nil,
                action: "identity:reset_password", targetType: "user", targetID: user.id)
            try await store.commit([
                .updateUser(current), .clearFailedLogins(userID: user.id), .deleteTokens(userID: user.id),
                .appendAudit(record),
            ])
        }
        return .replaced(userID: user.id)
    }
}
