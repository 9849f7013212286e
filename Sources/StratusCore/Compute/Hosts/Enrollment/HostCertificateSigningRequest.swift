import Crypto
import _CryptoExtras
import Foundation
import X509

/// A host's PKCS#10 request, accepted only when it is well formed, signed by
/// the key it carries, and that key is one hosts and QEMU's TLS can use:
/// ECDSA P-256 or P-384, or RSA of at least 2048 bits. Nothing else of the
/// request (its subject, its asked-for extensions) is taken: the cloud decides
/// what the certificate says.
public struct HostCertificateSigningRequest: Sendable {
    public let publicKey: Certificate.PublicKey

    /// The largest PEM accepted (an RSA-8192 request is about 5 KB).
    public static let maximumPEMLength = 16_384

    public init(pem: String) throws {
        guard pem.utf8.count <= Self.maximumPEMLength else {
            throw HostEnrollmentError.invalidCSR("longer than \(Self.maximumPEMLength) bytes")
        }
        let request: CertificateSigningRequest
        do {
            request = try CertificateSigningRequest(pemEncoded: pem)
        } catch {
            throw HostEnrollmentError.invalidCSR("not a PEM-encoded PKCS#10 CERTIFICATE REQUEST")
        }
        guard Self.isAcceptedKey(request.publicKey) else {
            throw HostEnrollmentError.invalidCSR("its key must be ECDSA P-256 or P-384, or RSA of at least 2048 bits")
        }
        guard request.publicKey.isValidSignature(request.signature, for: request) else {
            throw HostEnrollmentError.invalidCSR("its signature does not verify with the key it carries")
        }
        publicKey = request.publicKey
    }

    static func isAcceptedKey(_ key: Certificate.PublicKey) -> Bool {
        if P256.Signing.PublicKey(key) != nil || P384.Signing.PublicKey(key) != nil { return true }
        if let rsa = _RSA.Signing.PublicKey(key) { return rsa.keySizeInBits >= 2048 }
        return false
    }

    /// What an agent sends: a new P-256 key and a request signed with it, naming
    /// `hostName`. The key PEM (PKCS#8) is the host's secret.
    public static func make(hostName: String) throws -> (keyPEM: String, csrPEM: String) {
        let key = P256.Signing.PrivateKey()
        let request = try CertificateSigningRequest(
            version: .v1, subject: try DistinguishedName { CommonName(hostName) },
            privateKey: .init(key), attributes: .init())
        return (key.pemRepresentation + "\n", try request.serializeAsPEM().pemString + "\n")
    }
}
