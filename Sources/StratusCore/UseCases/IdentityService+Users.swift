import Foundation

extension IdentityService {
    public func listUsers(_ caller: Caller, filter: IdentityListFilter) async throws -> [User] {
        try authorize(.listUsers, caller)
        return try await store.users(filter)
    }

    public func getUser(_ caller: Caller, id: String) async throws -> User {
        try authorize(.getUser, caller, target: ["target.user.id": id])
        return try await userRequired(id)
    }

    public func createUser(_ caller: Caller, _ draft: UserDraft) async throws -> User {
        let domainID = draft.domainID ?? caller.auth.project?.domainID ?? caller.auth.domain?.id ?? Domain.defaultID
        try authorize(.createUser, caller, target: ["target.user.domain_id": domainID])
        _ = try await domainRequired(domainID)
        if let projectID = draft.defaultProjectID { _ = try await projectRequired(projectID) }
        let name = try IdentityValidation.name(draft.name, field: "name")
        var passwordHash: String?
        if let password = draft.password {
            passwordHash = try await passwords.hash(try IdentityValidation.password(password, field: "password"))
        }
        let user = User(
            id: ids.newID(), name: name, domainID: domainID,
            enabled: draft.enabled, passwordHash: passwordHash,
            defaultProjectID: draft.defaultProjectID, email: draft.email, description: draft.description,
            extra: draft.extra, version: 1)
        try await commit([.insertUser(user), audit(caller, .createUser, "user", user.id)]) { _ in
            Self.duplicateUser(user)
        }
        return user
    }

    /// Disabling a user or setting a new password revokes all their tokens in
    /// the same transaction.
    public func updateUser(_ caller: Caller, id: String, _ patch: UserPatch) async throws -> User {
        try authorize(.updateUser, caller, target: ["target.user.id": id])
        if case .some(.some(let projectID)) = patch.defaultProjectID { _ = try await projectRequired(projectID) }
        var newHash: String?
        if let password = patch.password {
            newHash = try await passwords.hash(try IdentityValidation.password(password, field: "password"))
        }
        return try await withVersionRetry {
            var user = try await userRequired(id)
            if let name = patch.name { user.name = try IdentityValidation.name(name, field: "name") }
            if let enabled = patch.enabled { user.enabled = enabled }
            if let newHash { user.passwordHash = newHash }
            if let value = patch.defaultProjectID { user.defaultProjectID = value }
            if let value = patch.email { user.email = value }
            if let value = patch.description { user.description = value }
            user.extra.merge(patch.extra) { _, new in new }
            var changes: [StoreChange] = [.updateUser(user), audit(caller, .updateUser, "user", id)]
            if newHash != nil || patch.enabled == false { changes.append(.deleteTokens(userID: id)) }
            // An administrator's new password or re-enabling ends a lockout, as in Keystone.
            if newHash != nil || patch.enabled == true { changes.append(.clearFailedLogins(userID: id)) }
            try await commit(changes) { _ in Self.duplicateUser(user) }
            user.version += 1
            return user
        }
    }

    public func deleteUser(_ caller: Caller, id: String) async throws {
        try authorize(.deleteUser, caller, target: ["target.user.id": id])
        let user = try await userRequired(id)
        try await store.commit([.deleteUser(id: id, version: user.version), audit(caller, .deleteUser, "user", id)])
    }

    /// `POST /v3/users/{id}/password`: proven by the original password, not by a
    /// token (Keystone lets a user whose token expired change it). All the
    /// user's tokens are revoked.
    public func changePassword(
        userID: String, original: String, new: String, requestID: String, sourceAddress: String
    ) async throws {
        let key = LoginFailureLog.Key(user: userID, source: sourceAddress)
        // Proving the old password is a login: the same per-source rate, lockout and
        // equal cost for every failure.
        try await admitLogin(from: sourceAddress)
        guard try await verifyPassword(.id(userID), original) != nil else {
            _ = await loginFailures.recordFailure(key)
            throw IdentityError.authenticationRequired
        }
        let newHash = try await passwords.hash(try IdentityValidation.password(new, field: "password"))
        try await withVersionRetry {
            guard var user = try await store.user(id: userID), user.enabled else {
                throw IdentityError.authenticationRequired
            }
            user.passwordHash = newHash
            let record = AuditRecord(
                id: ids.newID(), time: clock.now(), requestID: requestID, actorUserID: userID, actorProjectID: nil,
                action: IdentityPolicy.Action.changePassword.rawValue, targetType: "user", targetID: userID)
            try await store.commit([.updateUser(user), .deleteTokens(userID: userID), .appendAudit(record)])
        }
        await loginFailures.recordSuccess(key)
    }

    static func duplicateUser(_ user: User) -> IdentityError {
        .conflict("Conflict occurred attempting to store user - Duplicate entry found with name \(user.name) at domain ID \(user.domainID).")
    }
}
