import Foundation

/// The certificate store's use cases (a Barbican v1 subset): authorize → validate →
/// commit with an audit record, as everywhere else. Image uploads read certificates
/// through `signingCertificate(id:)`, with no caller: the uploader's right to use a
/// certificate is that it names it, and the verification decides the rest.
public struct KeyManagerService: Sendable {
    let store: any CertificateStore
    let policy: PolicyEngine
    let clock: any WallClock
    let ids: any IdentifierSource
    /// Certificates every project may read: the operator's trusted image signers.
    let sharedCertificateIDs: Set<String>

    /// Barbican's default and largest page.
    public static let defaultLimit = 10
    public static let maxLimit = 100

    public init(
        store: any CertificateStore, policy: PolicyEngine, clock: any WallClock = SystemWallClock(),
        ids: any IdentifierSource = SystemIdentifierSource(), sharedCertificateIDs: Set<String> = []
    ) {
        self.store = store
        self.policy = policy
        self.clock = clock
        self.ids = ids
        self.sharedCertificateIDs = sharedCertificateIDs
    }

    public func storeCertificate(_ caller: Caller, _ draft: CertificateDraft) async throws -> StoredCertificate {
        try authorize(.createSecret, caller)
        let certificate = try draft.certificate(
            id: ids.newUUID(), creatorUserID: caller.auth.user.id, projectID: caller.auth.project?.id,
            at: clock.now())
        try await store.commit([.insertCertificate(certificate), audit(caller, .createSecret, certificate.id)])
        return certificate
    }

    public func certificates(
        _ caller: Caller, name: String?, offset: Int?, limit: Int?
    ) async throws -> (page: [StoredCertificate], total: Int, offset: Int, limit: Int) {
        try authorize(.listSecrets, caller)
        let offset = max(0, offset ?? 0)
        let limit = min(max(1, limit ?? Self.defaultLimit), Self.maxLimit)
        let (page, total) = try await store.certificates(
            name: name, readableBy: readers(caller), offset: offset, limit: limit)
        return (page, total, offset, limit)
    }

    public func certificate(_ caller: Caller, id: String) async throws -> StoredCertificate {
        try authorize(.getSecret, caller)
        return try await readable(id, caller, .getSecret)
    }

    /// The payload as stored; `accept` must admit its content type (406 otherwise).
    public func certificatePayload(_ caller: Caller, id: String, accept: String?) async throws -> StoredCertificate {
        try authorize(.getSecretPayload, caller)
        let certificate = try await readable(id, caller, .getSecretPayload)
        let wanted = accept.map(CertificateDraft.mediaType) ?? "*/*"
        let stored = certificate.payloadContentType
        guard ["*/*", stored, String(stored.prefix { $0 != "/" }) + "/*"].contains(wanted) else {
            throw KeyManagerError.notAcceptable("Wrong payload content-type")
        }
        return certificate
    }

    public func deleteCertificate(_ caller: Caller, id: String) async throws {
        try authorize(.deleteSecret, caller)
        guard try await store.certificate(id: id) != nil else { throw KeyManagerError.secretNotFound }
        do {
            try await store.commit([.deleteCertificate(id: id), audit(caller, .deleteSecret, id)])
        } catch StoreError.versionConflict {
            throw KeyManagerError.secretNotFound
        }
    }

    /// Barbican's ownership: a secret is its project's (cloud administrators see all).
    func readers(_ caller: Caller) -> CertificateReaders? {
        caller.auth.isCloudAdmin ? nil : CertificateReaders(projectID: caller.auth.project?.id, sharedIDs: sharedCertificateIDs)
    }

    /// Another project's certificate is Barbican's 403, as a missing one is its 404.
    func readable(_ id: String, _ caller: Caller, _ action: KeyManagerPolicy.Action) async throws -> StoredCertificate {
        guard let certificate = try await store.certificate(id: id) else { throw KeyManagerError.secretNotFound }
        guard readers(caller)?.canRead(certificate) ?? true else { throw KeyManagerError.policyDenied(action) }
        return certificate
    }

    /// For image signature verification: no caller, no policy.
    public func signingCertificate(id: String) async throws -> StoredCertificate? {
        try await store.certificate(id: id)
    }

    func authorize(_ action: KeyManagerPolicy.Action, _ caller: Caller) throws {
        let target = PolicyTarget(["project_id": caller.auth.project?.id ?? ""])
        guard policy.isAllowed(action.rawValue, credentials: caller.auth.credentials, target: target) else {
            throw KeyManagerError.policyDenied(action)
        }
    }

    func audit(_ caller: Caller, _ action: KeyManagerPolicy.Action, _ id: String) -> StoreChange {
        .appendAudit(AuditRecord(
            id: ids.newID(), time: clock.now(), requestID: caller.requestID, actorUserID: caller.auth.user.id,
            actorProjectID: caller.auth.project?.id, action: "key-manager:" + action.rawValue,
            targetType: "certificate", targetID: id))
    }
}
