import Foundation

extension HostEnrollmentService {
    /// A host enrolls: its join token is checked and consumed, and the cloud's CA
    /// signs the key of its request into a client certificate naming `hostName`.
    /// The token is consumed in the transaction that records the credential, only
    /// if still unused and unexpired then: of two enrollments racing with one
    /// token, exactly one succeeds. Earlier credentials of the same host name are
    /// revoked in that transaction (a re-installed host's old key stops counting).
    public func enroll(
        token tokenText: String, hostName: String, csrPEM: String, requestID: String = "stratus-host-enrollment"
    ) async throws -> EnrolledHostCredentials {
        let presented = try JoinTokenString(parsing: tokenText)
        let name = try EnrollmentHostName.validate(hostName)
        let request = try HostCertificateSigningRequest(pem: csrPEM)
        let now = clock.now()
        guard let token = try await store.joinToken(id: presented.id), presented.matches(token.secretHash) else {
            throw HostEnrollmentError.unknownToken
        }
        if let refusal = token.refusal(at: now) { throw refusal }
        let issued = try await authority.authority().issueHostCertificate(
            for: request, hostName: name, serial: .random(using: ids), now: now)
        let credential = HostCredential(
            hostName: name, serial: issued.serial, issuedAt: now, expiresAt: issued.expiresAt, joinTokenID: token.id)
        do {
            try await store.commit([
                .consumeJoinToken(id: token.id, hostName: name, at: now),
                .revokeHostCredentials(hostName: name, at: now),
                .insertHostCredential(credential),
                .appendAudit(AuditRecord(
                    id: ids.newID(), time: now, requestID: requestID, actorUserID: nil, actorProjectID: nil,
                    action: "stratus:host-enrollment:enroll", targetType: "compute_host", targetID: name)),
            ])
        } catch StoreError.versionConflict {
            // The store's conditions are: there, unused, unexpired at `now`. Gone or used
            // now says which failed; otherwise it had expired (the store's comparison of
            // stored seconds decides the boundary instant, not this read's rounding).
            guard let current = try await store.joinToken(id: token.id) else { throw HostEnrollmentError.unknownToken }
            throw current.usedAt != nil ? HostEnrollmentError.tokenUsed : HostEnrollmentError.tokenExpired
        }
        return issued
    }

    /// Whether the host whose verified certificate names `hostName` with `serial`
    /// is still let in: a credential with that serial for that host exists, is not
    /// revoked and has not expired. Throws the reason otherwise.
    @discardableResult
    public func authorize(hostName: String, serial: String) async throws -> HostCredential {
        let now = clock.now()
        guard let credential = try await store.hostCredential(serial: serial.lowercased()),
              credential.hostName == hostName
        else { throw HostEnrollmentError.unknownCredential }
        if credential.revokedAt != nil { throw HostEnrollmentError.hostRevoked }
        guard now < credential.expiresAt else { throw HostEnrollmentError.credentialExpired }
        return credential
    }

    /// Revokes every credential of the host (the operator's, outside the API:
    /// deleting the compute service does the same in its own transaction).
    public func revokeHost(hostName: String, requestID: String = "stratus-host-revocation") async throws {
        let now = clock.now()
        try await store.commit([
            .revokeHostCredentials(hostName: hostName, at: now),
            .appendAudit(AuditRecord(
                id: ids.newID(), time: now, requestID: requestID, actorUserID: nil, actorProjectID: nil,
                action: "stratus:host-enrollment:revoke", targetType: "compute_host", targetID: hostName)),
        ])
    }

    /// The credentials issued to a host, oldest first (revoked and expired ones too).
    public func credentials(hostName: String) async throws -> [HostCredential] {
        try await store.hostCredentials(hostName: hostName)
    }
}
