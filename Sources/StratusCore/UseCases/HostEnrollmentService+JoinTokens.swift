import Foundation

extension HostEnrollmentService {
    /// A new token, valid `ttl` seconds (1…604800; nil: an hour). The string is
    /// returned only here: the store keeps the secret's SHA-256.
    public func createJoinToken(
        _ administrator: Administrator, ttl: TimeInterval?, description: String?
    ) async throws -> (token: JoinToken, tokenString: String) {
        try authorize(.createJoinToken, administrator)
        let ttl = try Self.validTTL(ttl)
        let description = try Self.validDescription(description ?? "")
        let now = clock.now()
        let secret = JoinTokenString.generate(id: ids.newID(), using: ids)
        let token = JoinToken(
            id: secret.id, secretHash: secret.secretHash, createdAt: now, expiresAt: now.addingTimeInterval(ttl),
            description: description)
        try await store.commit([
            .insertJoinToken(token),
            audit(administrator, ComputePolicy.Action.createJoinToken.rawValue, "join_token", token.id),
        ])
        return (token, secret.description)
    }

    /// Every token, used and expired ones too (oldest first); never a secret.
    public func joinTokens(_ administrator: Administrator) async throws -> [JoinToken] {
        try authorize(.listJoinTokens, administrator)
        return try await store.joinTokens()
    }

    /// Withdraws a token (used or not); the credentials it enrolled stay.
    public func deleteJoinToken(_ administrator: Administrator, id: String) async throws {
        try authorize(.deleteJoinToken, administrator)
        let notFound = ComputeError.notFound("Join token \(id) could not be found.")
        guard try await store.joinToken(id: id) != nil else { throw notFound }
        do {
            try await store.commit([
                .deleteJoinToken(id: id),
                audit(administrator, ComputePolicy.Action.deleteJoinToken.rawValue, "join_token", id),
            ])
        } catch StoreError.versionConflict {
            throw notFound
        }
    }

    static func validTTL(_ ttl: TimeInterval?) throws -> TimeInterval {
        guard let ttl else { return JoinToken.defaultTTL }
        guard ttl.isFinite, ttl >= 1, ttl <= JoinToken.maximumTTL else {
            throw ComputeError.badRequest("A join token's time to live must be from 1 to \(Int(JoinToken.maximumTTL)) seconds.")
        }
        return ttl
    }

    static func validDescription(_ description: String) throws -> String {
        guard description.count <= JoinToken.maximumDescriptionLength,
              description.unicodeScalars.allSatisfy({ !$0.properties.generalCategory.isControl })
        else {
            throw ComputeError.badRequest(
                "description must be at most \(JoinToken.maximumDescriptionLength) characters, without control characters.")
        }
        return description
    }
}

extension Unicode.GeneralCategory {
    fileprivate var isControl: Bool {
        switch self {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned: true
        default: false
        }
    }
}
