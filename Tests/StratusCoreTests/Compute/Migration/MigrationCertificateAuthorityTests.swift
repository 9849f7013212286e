import Foundation
import StratusCore
import SwiftASN1
import Testing
import X509

@Suite("The migration CA issues host credentials")
struct MigrationCertificateAuthorityTests {
    @Test func hostCertificatesChainToTheCAAndNameTheAddress() async throws {
        let now = Date()
        let authority = try MigrationCertificateAuthority.create(now: now)
        let credentials = try authority.issue(hostName: "qemu-1", address: "10.1.0.7", now: now)
        let server = try Certificate(pemEncoded: credentials.serverCertificatePEM)
        let client = try Certificate(pemEncoded: credentials.clientCertificatePEM)
        #expect(credentials.caCertificatePEM == (try authority.certificatePEM))

        var verifier = Verifier(rootCertificates: CertificateStore([authority.certificate])) {
            RFC5280Policy()
        }
        for leaf in [server, client] {
            guard case .validCertificate = await verifier.validate(leaf: leaf, intermediates: CertificateStore())
            else { Issue.record("\(leaf.subject) does not chain to the CA"); continue }
        }
        let names = try #require(try server.extensions.subjectAlternativeNames)
        #expect(names.contains(.ipAddress(ASN1OctetString(contentBytes: [10, 1, 0, 7]))))
        #expect(names.contains(.dnsName("qemu-1")))
        #expect(try server.extensions.extendedKeyUsage?.contains(.serverAuth) == true)
        #expect(try client.extensions.extendedKeyUsage?.contains(.clientAuth) == true)
        #expect(try authority.certificate.extensions.basicConstraints == .isCertificateAuthority(maxPathLength: 0))

        // Another CA's certificate does not verify against this one.
        let stranger = try MigrationCertificateAuthority.create(now: now)
        let foreign = try Certificate(pemEncoded: try stranger.issue(hostName: "x", address: "x", now: now).clientCertificatePEM)
        guard case .couldNotValidate = await verifier.validate(leaf: foreign, intermediates: CertificateStore())
        else { Issue.record("a foreign certificate was accepted"); return }
    }

    @Test func savedAuthorityLoadsBackAndRefusesAMismatchedKey() throws {
        let authority = try MigrationCertificateAuthority.create(now: Date())
        let loaded = try MigrationCertificateAuthority(certificatePEM: try authority.certificatePEM, keyPEM: authority.keyPEM)
        #expect(loaded.certificate == authority.certificate)
        let other = try MigrationCertificateAuthority.create(now: Date())
        #expect(throws: MigrationCAError.self) {
            try MigrationCertificateAuthority(certificatePEM: try authority.certificatePEM, keyPEM: other.keyPEM)
        }
        // The key file holds a PKCS#8 key, as QEMU's GnuTLS reads it.
        #expect(authority.keyPEM.hasPrefix("-----BEGIN PRIVATE KEY-----"))
    }
}
