import Foundation

/// Join tokens and the credentials issued with them. Writes go through `commit`
/// (`.insertJoinToken`, `.consumeJoinToken`, `.insertHostCredential`,
/// `.revokeHostCredentials`, …) beside their audit record.
public protocol HostEnrollmentStore: Sendable {
    func joinToken(id: String) async throws -> JoinToken?
    /// Oldest first.
    func joinTokens() async throws -> [JoinToken]
    func hostCredential(serial: String) async throws -> HostCredential?
    /// Oldest first.
    func hostCredentials(hostName: String) async throws -> [HostCredential]
    func commit(_ changes: [StoreChange]) async throws
}

/// The cloud's CA, as enrollment reaches it: the app keeps its files
/// (`<data>/migration-ca/`) and makes it on first use.
public protocol HostCertificateAuthoritySource: Sendable {
    func authority() async throws -> MigrationCertificateAuthority
}
