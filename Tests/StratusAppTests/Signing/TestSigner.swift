import Crypto
import Foundation
import StratusOpenStack
import X509

/// A signing key with its self-signed certificate, as an operator would make with
/// `openssl req -x509`, and signatures over image data as openstacksdk's
/// `ImageSigner` makes them (ECDSA here: DER signature over SHA-256 of the data).
struct TestSigner {
    let key: P256.Signing.PrivateKey
    let certificatePEM: String

    init(notValidBefore: Date = Date().addingTimeInterval(-3600), notValidAfter: Date = Date().addingTimeInterval(86400 * 365),
         name: String = "Stratus image signer") throws {
        let key = P256.Signing.PrivateKey()
        let subject = try DistinguishedName { CommonName(name) }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: notValidBefore, notValidAfter: notValidAfter, issuer: subject, subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256, extensions: Certificate.Extensions {}, issuerPrivateKey: .init(key))
        self.key = key
        self.certificatePEM = try certificate.serializeAsPEM().pemString
    }

    /// `img_signature`: base64 of the DER ECDSA signature over the data.
    func signature(of data: [UInt8]) throws -> String {
        Data(try key.signature(for: SHA256.hash(data: data)).derRepresentation).base64EncodedString()
    }

    /// The four properties `openstack image create --sign-key-path --sign-cert-id` sets.
    func properties(for data: [UInt8], certificateID: String) throws -> [String: String] {
        [
            "img_signature": try signature(of: data), "img_signature_hash_method": "SHA-256",
            "img_signature_key_type": "ECC_SECP256R1", "img_signature_certificate_uuid": certificateID,
        ]
    }
}

extension TestCloud {
    /// Stores `signer`'s certificate in the key manager (as the admin) and creates an
    /// image declaring `signer`'s signature over `data`, not yet uploaded.
    func imageDeclaringSignature(
        of data: [UInt8], by signer: TestSigner, admin: String, _ fields: [String: JSONValue] = [:]
    ) async throws -> String {
        let certificate = try await KeyManagerHTTPTests.storedID(self, admin, signer)
        let declared = try signer.properties(for: data, certificateID: certificate).mapValues(JSONValue.string)
        return try await createImage(token: admin, declared.merging(fields) { _, given in given })
    }
}
