import Foundation

/// The certificate part of the Store port. Writes go through `commit` with
/// `.insertCertificate` / `.deleteCertificate`, beside their audit record.
public protocol CertificateStore: Sendable {
    func certificate(id: String) async throws -> StoredCertificate?
    /// Oldest first, `offset` skipped, at most `limit`; and how many there are in all.
    /// `readableBy` nil: every project's.
    func certificates(
        name: String?, readableBy: CertificateReaders?, offset: Int, limit: Int
    ) async throws -> (page: [StoredCertificate], total: Int)
    func commit(_ changes: [StoreChange]) async throws
}

/// Whose certificates a caller sees: its project's, and the ones the operator
/// shares with every project (the trusted image-signing certificates).
public struct CertificateReaders: Sendable, Equatable {
    public var projectID: String?
    public var sharedIDs: Set<String>
    public init(projectID: String?, sharedIDs: Set<String>) {
        self.projectID = projectID
        self.sharedIDs = sharedIDs
    }

    public func canRead(_ certificate: StoredCertificate) -> Bool {
        (projectID != nil && certificate.projectID == projectID) || sharedIDs.contains(certificate.id)
    }
}

/// For an image service built without a key manager: no certificate exists, so a
/// declared signature can never verify (and an unsigned image is unaffected).
public struct NoCertificates: CertificateStore {
    public init() {}
    public func certificate(id: String) async throws -> StoredCertificate? { nil }
    public func certificates(
        name: String?, readableBy: CertificateReaders?, offset: Int, limit: Int
    ) async throws -> (page: [StoredCertificate], total: Int) {
        ([], 0)
    }
    public func commit(_ changes: [StoreChange]) async throws {}
}
