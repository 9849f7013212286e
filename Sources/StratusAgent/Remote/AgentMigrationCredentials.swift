import Foundation
import StratusHostProtocol

/// A remote QEMU host's live-migration credentials: certificates the controller's
/// CA signs for the host's own key, for the address it receives migrations on,
/// asked at every start (the address may have changed) and written where QEMU's
/// `tls-creds-x509` reads them. The key file is the host's enrolled key.
public enum AgentMigrationCredentials {
    public static func refresh(
        client: HostLinkClient, credentials: HostLinkClient.Credentials, address: String, into folder: String
    ) async throws {
        let issued = try await client.call(
            .POST, HostProtocol.Path.migrationCredentials, body: MigrationCredentialsRequest(migrationAddress: address),
            as: MigrationCredentials.self)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let contents: [(String, String, Int)] = [
            ("ca-cert.pem", issued.caCertificatePem, 0o644),
            ("server-cert.pem", issued.serverCertificatePem, 0o644), ("server-key.pem", credentials.keyPEM, 0o600),
            ("client-cert.pem", issued.clientCertificatePem, 0o644), ("client-key.pem", credentials.keyPEM, 0o600),
        ]
        for (name, text, mode) in contents { try ReplacedFile.write(text, to: folder + "/" + name, mode: mode) }
    }
}
