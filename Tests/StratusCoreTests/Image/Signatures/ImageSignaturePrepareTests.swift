import Crypto
import Foundation
@testable import StratusCore
import Testing

/// What `prepare` refuses before any data is read, in cursive's words.
@Suite struct ImageSignaturePrepareTests {
    typealias F = SignatureFixtures
    typealias S = SignatureTestSupport

    static func prepare(
        signature: String = F.rsaSHA256MaxSalt, hashMethod: String = "SHA-256", keyType: String = "RSA-PSS",
        certificate: String = F.rsaCertificatePEM, now: Date = S.now
    ) throws -> PreparedImageSignature {
        try ImageSignatureVerifier.prepare(
            signatureBase64: signature, hashMethod: hashMethod, keyType: keyType,
            certificate: S.certificate(certificate), now: now)
    }

    static func failure(_ body: () throws -> PreparedImageSignature) -> ImageSignatureFailure? {
        do {
            _ = try body()
            return nil
        } catch {
            return error as? ImageSignatureFailure
        }
    }

    @Test func acceptsGoodProperties() throws {
        let prepared = try Self.prepare()
        #expect(prepared.hashMethod == .sha256)
        #expect(prepared.keyType == .rsaPSS)
    }

    @Test func unsupportedHashMethod() {
        let failure = Self.failure { try Self.prepare(hashMethod: "MD5") }
        #expect(failure == .invalidHashMethod("MD5"))
        #expect(failure?.message == "Invalid signature hash method: MD5")
        #expect(Self.failure { try Self.prepare(hashMethod: "sha256") } == .invalidHashMethod("sha256"))
    }

    @Test func unsupportedKeyType() {
        let failure = Self.failure { try Self.prepare(keyType: "DSA") }
        #expect(failure == .invalidKeyType("DSA"))
        #expect(failure?.message == "Invalid signature key type: DSA")
    }

    @Test func malformedBase64() {
        let failure = Self.failure { try Self.prepare(signature: "abc") }
        #expect(failure == .invalidBase64)
        #expect(failure?.message == "The signature data was not properly encoded using base64")
        #expect(Self.failure { try Self.prepare(signature: "") } == .emptySignature)
    }

    @Test func base64WithLineBreaksIsAccepted() throws {
        var wrapped = F.rsaSHA256MaxSalt
        wrapped.insert("\n", at: wrapped.index(wrapped.startIndex, offsetBy: 64))
        let prepared = try Self.prepare(signature: wrapped)
        try prepared.verify(digest: S.digest(F.image, .sha256))
    }

    @Test func expiredCertificate() {
        let later = Date(timeIntervalSince1970: 2_240_611_200)  // 2041-01-01
        let failure = Self.failure { try Self.prepare(now: later) }
        #expect(failure == .certificateExpired(notValidAfter: Date(timeIntervalSince1970: 2_208_988_800)))
        #expect(failure?.message == "Certificate is not valid after: 2040-01-01 00:00:00 UTC")
    }

    @Test func notYetValidCertificate() {
        let earlier = Date(timeIntervalSince1970: 1_546_300_800)  // 2019-01-01
        let failure = Self.failure { try Self.prepare(now: earlier) }
        #expect(failure == .certificateNotYetValid(notValidBefore: Date(timeIntervalSince1970: 1_577_836_800)))
        #expect(failure?.message == "Certificate is not valid before: 2020-01-01 00:00:00 UTC")
    }

    @Test func inTestCertificatesOutsideTheirWindow() throws {
        let key = P256.Signing.PrivateKey()
        let expired = try S.selfSigned(
            publicKey: .init(key.publicKey), privateKey: .init(key),
            notValidBefore: S.now.addingTimeInterval(-86_400 * 30), notValidAfter: S.now.addingTimeInterval(-1))
        let future = try S.selfSigned(
            publicKey: .init(key.publicKey), privateKey: .init(key),
            notValidBefore: S.now.addingTimeInterval(60), notValidAfter: S.now.addingTimeInterval(86_400))
        func prepare(_ certificate: SigningCertificate) throws -> PreparedImageSignature {
            try ImageSignatureVerifier.prepare(
                signatureBase64: F.p256SHA512, hashMethod: "SHA-512", keyType: "ECC_SECP256R1",
                certificate: certificate, now: S.now)
        }
        #expect(Self.failure { try prepare(expired) } == .certificateExpired(notValidAfter: expired.notValidAfter))
        #expect(Self.failure { try prepare(future) } == .certificateNotYetValid(notValidBefore: future.notValidBefore))
    }

    @Test func keyTypeMustMatchTheCertificate() {
        let ecForRSA = Self.failure { try Self.prepare(keyType: "ECC_SECP256R1") }
        #expect(ecForRSA == .keyTypeMismatch(.eccSecp256r1))
        #expect(ecForRSA?.message == "Invalid public key type for signature key type: ECC_SECP256R1")
        #expect(Self.failure { try Self.prepare(certificate: F.p256CertificatePEM) } == .keyTypeMismatch(.rsaPSS))
        // The curve must be the one named, too.
        #expect(Self.failure {
            try Self.prepare(signature: F.p256SHA512, hashMethod: "SHA-512", keyType: "ECC_SECP384R1",
                             certificate: F.p256CertificatePEM)
        } == .keyTypeMismatch(.eccSecp384r1))
        #expect(Self.failure {
            try Self.prepare(signature: F.p521SHA512, hashMethod: "SHA-512", keyType: "ECC_SECP521R1",
                             certificate: F.p384CertificatePEM)
        } == .keyTypeMismatch(.eccSecp521r1))
    }

    @Test func digestOfTheWrongLength() throws {
        let prepared = try Self.prepare()
        #expect(throws: ImageSignatureFailure.digestLengthMismatch(expected: 32, actual: 64)) {
            try prepared.verify(digest: S.digest(F.image, .sha512))
        }
    }

    @Test func messagesForTheOtherFailures() {
        #expect(ImageSignatureFailure.verificationFailed.message == "Signature verification failed")
        #expect(ImageSignatureFailure.missingProperty("img_signature").message
            == "Required image properties for signature verification do not exist. "
            + "Cannot verify signature. Missing property: img_signature")
    }
}
