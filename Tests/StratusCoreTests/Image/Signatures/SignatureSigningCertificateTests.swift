@testable import StratusCore
import Foundation
import Testing

@Suite struct SignatureSigningCertificateTests {
    typealias F = SignatureFixtures

    @Test func parsesPEM() throws {
        let certificate = try SigningCertificate(pemOrDER: Array(F.rsaCertificatePEM.utf8))
        #expect(certificate.subject == "CN=stratus image signing")
        #expect(certificate.notValidBefore == Date(timeIntervalSince1970: 1_577_836_800))
        #expect(certificate.notValidAfter == Date(timeIntervalSince1970: 2_208_988_800))
        #expect(certificate.fingerprintSHA256 == F.rsaCertificateFingerprintSHA256)
        #expect(certificate.keyType == .rsaPSS)
    }

    @Test func parsesDERToTheSameCertificate() throws {
        let der = try #require(Data(base64Encoded: F.rsaCertificateDERBase64))
        let fromDER = try SigningCertificate(pemOrDER: Array(der))
        #expect(fromDER.fingerprintSHA256 == F.rsaCertificateFingerprintSHA256)
        #expect(fromDER.derBytes == Array(der))
    }

    @Test func knowsEachCurve() throws {
        #expect(try SigningCertificate(pemOrDER: Array(F.p256CertificatePEM.utf8)).keyType == .eccSecp256r1)
        #expect(try SigningCertificate(pemOrDER: Array(F.p384CertificatePEM.utf8)).keyType == .eccSecp384r1)
        #expect(try SigningCertificate(pemOrDER: Array(F.p521CertificatePEM.utf8)).keyType == .eccSecp521r1)
    }

    @Test func refusesWhatIsNotACertificate() {
        #expect(throws: ImageSignatureFailure.invalidCertificate) {
            try SigningCertificate(pemOrDER: Array("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----".utf8))
        }
        #expect(throws: ImageSignatureFailure.invalidCertificate) {
            try SigningCertificate(pemOrDER: [0x30, 0x03, 0x02, 0x01, 0x01])
        }
        #expect(throws: ImageSignatureFailure.invalidCertificate) {
            try SigningCertificate(pemOrDER: [])
        }
    }
}
