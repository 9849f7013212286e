import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// Nova's x509 key pairs (2.2), used for WinRM certificate logins: an imported
/// certificate is fingerprinted by SHA-1 over its DER; a generated one is what
/// Nova's `generate_winrm_x509_cert` makes with openssl — a self-signed RSA 2048
/// certificate for `CN=<user id>`, client-auth usage, the user's UPN as subject
/// alternative name, ten years — with the private key returned as a base64
/// PKCS#12 bundle with an empty password.
public enum X509Keypair {
    /// Nova: `failed to generate X509 fingerprint. Error message: ...`.
    public static func fingerprint(pem: String) throws(ComputeError) -> String {
        do {
            let document = try PEMDocument(pemString: pem)
            guard document.discriminator == "CERTIFICATE" else {
                throw ComputeError.badRequest("Unable to load PEM file: not a certificate")
            }
            _ = try Certificate(derEncoded: document.derBytes)
            return colonHex(Insecure.SHA1.hash(data: document.derBytes))
        } catch {
            let reason = (error as? ComputeError).map { if case .badRequest(let text) = $0 { text } else { "\($0)" } }
                ?? "Unable to load PEM file: \(error)"
            throw .badRequest("Keypair data is invalid: failed to generate X509 fingerprint. Error message: \(reason)")
        }
    }

    public struct Generated: Sendable {
        public var certificatePEM: String
        /// Base64 of a PKCS#12 bundle (key and certificate), empty password.
        public var privateKey: String
        public var fingerprint: String
    }

    public static func generate(userID: String, now: Date) throws -> Generated {
        let rsa = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let key = Certificate.PrivateKey(rsa)
        let name = try DistinguishedName { CommonName(userID) }
        var upn = DER.Serializer()
        try upn.serialize(ASN1UTF8String("\(userID)@localhost"))
        let extensions = try Certificate.Extensions {
            try ExtendedKeyUsage([.clientAuth])
            SubjectAlternativeNames([.otherName(GeneralName.OtherName(
                typeID: [1, 3, 6, 1, 4, 1, 311, 20, 2, 3], value: try ASN1Any(derEncoded: DER.parse(upn.serializedBytes))))])
        }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key.publicKey,
            notValidBefore: now, notValidAfter: now.addingTimeInterval(3650 * 86_400), issuer: name, subject: name,
            signatureAlgorithm: .sha256WithRSAEncryption, extensions: extensions, issuerPrivateKey: key)
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        let certificateDER = serializer.serializedBytes
        let keyDER = try PEMDocument(pemString: rsa.pkcs8PEMRepresentation).derBytes
        let bundle = try PKCS12.bundle(certificateDER: certificateDER, privateKeyPKCS8: keyDER, salt: randomBytes(8))
        return Generated(
            certificatePEM: PEMDocument(type: "CERTIFICATE", derBytes: certificateDER).pemString + "\n",
            privateKey: Data(bundle).base64EncodedString(),
            fingerprint: colonHex(Insecure.SHA1.hash(data: certificateDER)))
    }

    static func colonHex(_ digest: some Sequence<UInt8>) -> String {
        digest.map { String(format: "%02x", $0) }.joined(separator: ":")
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255) }
    }
}
