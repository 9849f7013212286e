import Foundation

/// The certificate part of the Store port. Writes go through `commit` with
/// `.insertCertificate` / `.deleteCertificate`, beside their audit record.
public protocol CertificateStore: Sendable {
    func certificate(id: String) async throws -> StoredCertificate?
    /// Oldest first, `offset` skipped, at most `limit`; and how many there are in all.
    func certificates(name: String?, offset: Int, limit: Int) async throws -> (page: [StoredCertificate], total: Int)
    func commit(_ changes: [StoreChange]) async throws
}

/// For an image service built without a key manager: no certificate exists, so a
/// declared signature can never verify (and an unsigned image is unaffected).
public struct NoCertificates: CertificateStore {
    public init() {}
    public func certificate(id: String) async throws -> StoredCertificate? { nil }
    public func certificates(name: String?, offset: Int, limit: Int) async throws -> (page: [StoredCertificate], total: Int) {
        ([], 0)
    }
    public func commit(_ changes: [StoreChange]) async throws {}
}
