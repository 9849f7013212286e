import Crypto
import Foundation
import StratusCore
import SwiftASN1
import Testing
import X509

@Suite("The cloud's CA issues enrolled hosts' and the controller's certificates")
struct HostCertificateIssuerTests {
    static let now = Date()

    @Test func aHostCertificateChainsToTheCAAndNamesTheHostForClientAuthOnly() async throws {
        let authority = try MigrationCertificateAuthority.create(now: Self.now)
        let (_, csrPEM) = try HostCertificateSigningRequest.make(hostName: "whatever-the-host-asked")
        let request = try HostCertificateSigningRequest(pem: csrPEM)
        let serial = HostCertificateSerial.random(using: SystemIdentifierSource())
        let issued = try authority.issueHostCertificate(for: request, hostName: "compute-7", serial: serial, now: Self.now)
        let certificate = try Certificate(pemEncoded: issued.certificatePEM)

        var verifier = Verifier(rootCertificates: CertificateStore([authority.certificate])) { RFC5280Policy() }
        guard case .validCertificate = await verifier.validate(leaf: certificate, intermediates: CertificateStore()) else {
            Issue.record("the host certificate does not chain to the CA")
            return
        }
        #expect(certificate.publicKey == request.publicKey)
        #expect(issued.caCertificatePEM == (try authority.certificatePEM))
        #expect(issued.serial == serial.hex)
        #expect(issued.serial.count == 40)
        #expect(HostCertificateSerial(certificate.serialNumber).hex == serial.hex)
        #expect(try certificate.extensions.subjectAlternativeNames.map(Array.init) == [.dnsName("compute-7")])
        #expect(try certificate.extensions.extendedKeyUsage.map(Array.init) == [.clientAuth])
        #expect(try certificate.extensions.keyUsage == KeyUsage(digitalSignature: true))
        #expect(try certificate.extensions.basicConstraints == .notCertificateAuthority)
        let days = certificate.notValidAfter.timeIntervalSince(Self.now) / 86_400
        #expect(days > 364.99 && days < 365.01)
        #expect(issued.expiresAt == certificate.notValidAfter)

        let identity = try HostCertificateIdentity(certificatePEM: issued.certificatePEM)
        #expect(identity == HostCertificateIdentity(hostName: "compute-7", serial: serial.hex))
    }

    @Test func aRequestSignedByAnotherKeyIsRefused() throws {
        let holder = P256.Signing.PrivateKey()
        let impostor = P256.Signing.PrivateKey()
        let subject = try DistinguishedName { CommonName("h") }
        let genuine = try CertificateSigningRequest(version: .v1, subject: subject, privateKey: .init(holder), attributes: .init())
        let signedByOther = try CertificateSigningRequest(version: .v1, subject: subject, privateKey: .init(impostor), attributes: .init())
        let forged = try CertificateSigningRequest(
            version: .v1, subject: subject, publicKey: genuine.publicKey, attributes: .init(),
            signatureAlgorithm: signedByOther.signatureAlgorithm, signature: signedByOther.signature)
        let pem = try forged.serializeAsPEM().pemString
        #expect(throws: HostEnrollmentError.invalidCSR("its signature does not verify with the key it carries")) {
            try HostCertificateSigningRequest(pem: pem)
        }
        #expect(throws: Never.self) { try HostCertificateSigningRequest(pem: try genuine.serializeAsPEM().pemString) }
    }

    @Test(arguments: ["", "not pem", "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n"])
    func garbageIsAnInvalidRequest(_ pem: String) {
        #expect(throws: HostEnrollmentError.invalidCSR("not a PEM-encoded PKCS#10 CERTIFICATE REQUEST")) {
            try HostCertificateSigningRequest(pem: pem)
        }
    }

    @Test func anOversizedRequestIsRefusedBeforeParsing() {
        let pem = String(repeating: "A", count: HostCertificateSigningRequest.maximumPEMLength + 1)
        #expect(throws: HostEnrollmentError.self) { try HostCertificateSigningRequest(pem: pem) }
    }

    @Test func theControllersServerCertificateNamesItsAddressesForServerAuth() async throws {
        let authority = try MigrationCertificateAuthority.create(now: Self.now)
        let issued = try authority.issueServerCertificate(
            commonName: "controller", dnsNames: ["controller.example.org"], ipAddresses: ["10.0.0.5", "fd00::1"],
            now: Self.now)
        let certificate = try Certificate(pemEncoded: issued.certificatePEM)
        let key = try P256.Signing.PrivateKey(pemRepresentation: issued.keyPEM)
        #expect(certificate.publicKey == Certificate.PublicKey(key.publicKey))
        let names = try #require(try certificate.extensions.subjectAlternativeNames)
        #expect(Array(names) == [
            .dnsName("controller.example.org"),
            .ipAddress(ASN1OctetString(contentBytes: [10, 0, 0, 5])),
            .ipAddress(ASN1OctetString(contentBytes: [0xfd, 0] + Array(repeating: 0, count: 13) + [1])),
        ])
        #expect(try certificate.extensions.extendedKeyUsage.map(Array.init) == [.serverAuth])
        var verifier = Verifier(rootCertificates: CertificateStore([authority.certificate])) { RFC5280Policy() }
        guard case .validCertificate = await verifier.validate(leaf: certificate, intermediates: CertificateStore()) else {
            Issue.record("the server certificate does not chain to the CA")
            return
        }
        #expect(throws: MigrationCAError.self) {
            try authority.issueServerCertificate(commonName: "c", dnsNames: [], ipAddresses: ["10.0.0.256"], now: Self.now)
        }
    }
}
