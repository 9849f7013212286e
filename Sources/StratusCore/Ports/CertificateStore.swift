import Foundation

/// The certificate part of the Store port. Writes go through `commit` with
/// `.insertCertificate` / `.deleteCertificate`, beside their audit record.
public protocol CertificateStore: Sendable {
    func certificate(id: String) async throws -> StoredCertificate?
    /// Oldest first, `offset` skipped, at most `limit`; and how many there are in all.
    func certificates(name: String?, offset: Int, limit: Int) async throws -> (page: [StoredCertificate], total: Int)
    func commit(_ changes: [StoreChange]) async throws
}
