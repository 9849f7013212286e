import _CryptoExtras
import Crypto
import Foundation
import SwiftASN1
import X509

/// An X.509 certificate that signs images (Glance keeps it in Barbican, named by
/// `img_signature_certificate_uuid`), parsed from PEM or DER. Only its validity
/// window and public key matter here: like cursive, no chain is built.
public struct SigningCertificate: Sendable {
    public let notValidBefore: Date
    public let notValidAfter: Date
    /// RFC 4514 form, e.g. `CN=image signing,O=Example`.
    public let subject: String
    /// SHA-256 of the DER encoding, lowercase hex.
    public let fingerprintSHA256: String
    public let derBytes: [UInt8]
    let key: SigningKey

    /// What the certificate's public key can verify.
    enum SigningKey: Sendable {
        case rsa(RSAPSSVerification)
        case ecdsa(ECDSAVerification)
        /// A key type swift-certificates parses but images are not signed with (Ed25519).
        case other
    }

    public init(pemOrDER bytes: [UInt8]) throws(ImageSignatureFailure) {
        // DER is kept as given: the fingerprint is of these bytes, as openssl computes it.
        let der: [UInt8]
        let certificate: Certificate
        do {
            if let pem = Self.pemText(bytes) {
                let document = try PEMDocument(pemString: pem)
                guard document.discriminator == Certificate.defaultPEMDiscriminator else {
                    throw ImageSignatureFailure.invalidCertificate
                }
                der = document.derBytes
            } else {
                der = bytes
            }
            certificate = try Certificate(derEncoded: der)
        } catch {
            throw .invalidCertificate
        }
        derBytes = der
        notValidBefore = certificate.notValidBefore
        notValidAfter = certificate.notValidAfter
        subject = String(describing: certificate.subject)
        fingerprintSHA256 = SHA256.hash(data: derBytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
        key = try Self.signingKey(certificate.publicKey)
    }

    /// The key type name a signature made with this certificate's key would carry, if any.
    public var keyType: ImageSignatureKeyType? {
        switch key {
        case .rsa: .rsaPSS
        case .ecdsa(let ecdsa): ecdsa.keyType
        case .other: nil
        }
    }

    private static func signingKey(_ publicKey: Certificate.PublicKey) throws(ImageSignatureFailure) -> SigningKey {
        if let ecdsa = ECDSAVerification(publicKey) { return .ecdsa(ecdsa) }
        guard let rsa = _RSA.Signing.PublicKey(publicKey) else { return .other }
        guard let primitives = try? rsa.getKeyPrimitives(),
              let verification = RSAPSSVerification(
                  modulus: Array(primitives.modulus), exponent: Array(primitives.publicExponent))
        else { throw .invalidCertificate }
        // swift-certificates already refuses shorter RSA keys; this keeps the rule
        // here whatever the parser allows.
        guard verification.modulusBits >= RSAPSSVerification.minimumModulusBits else {
            throw .keyTooSmall(bits: verification.modulusBits)
        }
        return .rsa(verification)
    }

    /// The text, if the bytes look like PEM (DER starts with 0x30, never with "-----").
    private static func pemText(_ bytes: [UInt8]) -> String? {
        guard let text = String(bytes: bytes, encoding: .utf8) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.hasPrefix("-----BEGIN") ? trimmed : nil
    }
}
