import Crypto
import Foundation
@testable import StratusCore
import SwiftASN1
import X509

/// Shared helpers for the signature suites.
enum SignatureTestSupport {
    /// Inside the fixtures' 2020-2040 window.
    static let now = Date(timeIntervalSince1970: 1_796_107_200)  // 2026-12-01 06:40 UTC

    static func certificate(_ pem: String) throws -> SigningCertificate {
        try SigningCertificate(pemOrDER: Array(pem.utf8))
    }

    /// The image data hashed as an upload would: chunk by chunk.
    static func digest(_ data: [UInt8], _ method: ImageSignatureHashMethod, chunk: Int = 4096) -> [UInt8] {
        var digest = ImageSignatureDigest(method)
        var start = 0
        while start < data.count {
            digest.update(Array(data[start..<min(start + chunk, data.count)]))
            start += chunk
        }
        return digest.finalize()
    }

    /// Prepares and verifies `data` in one go, as an upload would.
    static func verify(
        _ data: [UInt8], signature: String, method: ImageSignatureHashMethod,
        keyType: ImageSignatureKeyType, certificate: SigningCertificate
    ) throws(ImageSignatureFailure) {
        let prepared = try ImageSignatureVerifier.prepare(
            signatureBase64: signature, hashMethod: method.rawValue, keyType: keyType.rawValue,
            certificate: certificate, now: now)
        try prepared.verify(digest: digest(data, prepared.hashMethod))
    }

    /// A self-signed DER certificate for `publicKey`, signed by `privateKey`.
    static func selfSigned(
        publicKey: Certificate.PublicKey, privateKey: Certificate.PrivateKey,
        notValidBefore: Date = Date(timeIntervalSince1970: 1_577_836_800),  // 2020-01-01
        notValidAfter: Date = Date(timeIntervalSince1970: 2_208_988_800)  // 2040-01-01
    ) throws -> SigningCertificate {
        let name = try DistinguishedName { CommonName("stratus test signer") }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: publicKey,
            notValidBefore: notValidBefore, notValidAfter: notValidAfter, issuer: name, subject: name,
            signatureAlgorithm: .ecdsaWithSHA256, extensions: Certificate.Extensions(), issuerPrivateKey: privateKey)
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return try SigningCertificate(pemOrDER: serializer.serializedBytes)
    }

    static func base64(_ bytes: some DataProtocol) -> String {
        Data(bytes).base64EncodedString()
    }
}
