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
