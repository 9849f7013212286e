import Crypto
import Foundation
import StratusHostProtocol
import X509

/// A host joins the cloud: it makes its own P-256 key, asks the controller's
/// CA to certify it with the administrator's one-time join token, and keeps both
/// in its data directory (`AgentCredentialsFolder`). The key never leaves the host.
public enum AgentEnrollment {
    public static func enroll(
        controller: String, caCertificatePEM: String, joinToken: String, hostName: String
    ) async throws -> HostLinkClient.Credentials {
        let key = P256.Signing.PrivateKey()
        let request = try CertificateSigningRequest(
            version: .v1, subject: try DistinguishedName { CommonName(hostName) },
            privateKey: Certificate.PrivateKey(key), attributes: CertificateSigningRequest.Attributes())
        let client = try HostLinkClient(controller: controller, caCertificatePEM: caCertificatePEM, credentials: nil)
        let answer = try await client.call(
            .POST, HostProtocol.Path.enroll,
            body: EnrollmentRequest(joinToken: joinToken, hostName: hostName, csrPem: try request.serializeAsPEM().pemString),
            as: EnrollmentResponse.self)
        return HostLinkClient.Credentials(certificatePEM: answer.certificatePem, keyPEM: key.pemRepresentation + "\n")
    }
}

/// Where an enrolled agent keeps its credentials: `<data>/host-credentials/`,
/// readable by the agent's user only.
public struct AgentCredentialsFolder: Sendable {
    public let path: String

    public init(dataDirectory: String) { path = dataDirectory + "/host-credentials" }

    var certificatePath: String { path + "/host-cert.pem" }
    var keyPath: String { path + "/host-key.pem" }

    /// The stored credentials; nil when the host has not enrolled yet.
    public func load() throws -> HostLinkClient.Credentials? {
        guard FileManager.default.fileExists(atPath: certificatePath) else { return nil }
        return HostLinkClient.Credentials(
            certificatePEM: try String(contentsOfFile: certificatePath, encoding: .utf8),
            keyPEM: try String(contentsOfFile: keyPath, encoding: .utf8))
    }

    public func store(_ credentials: HostLinkClient.Credentials) throws {
        let files = FileManager.default
        try files.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // The key first: a certificate without its key would read as enrolled.
        for (file, text, mode) in [(keyPath, credentials.keyPEM, 0o600), (certificatePath, credentials.certificatePEM, 0o644)] {
            let temporary = file + ".new"
            guard files.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: mode]) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
            }
            if files.fileExists(atPath: file) { try files.removeItem(atPath: file) }
            try files.moveItem(atPath: temporary, toPath: file)
        }
    }
}
