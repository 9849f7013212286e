import Crypto
import Foundation
import SwiftASN1
import X509

/// The cloud's own CA for live-migration traffic: it issues every host a
/// server certificate (for receiving; its migration address in the SAN, which
/// the sender checks) and a client certificate (for sending; the receiver
/// verifies it), so only hosts of this cloud can move guests to each other.
/// ECDSA P-256, which QEMU's GnuTLS accepts. Pure: the caller keeps the files.
public struct MigrationCertificateAuthority: Sendable {
    public let certificate: Certificate
    /// PKCS#8 PEM: P256 keys are not `Sendable`, their text is.
    public let keyPEM: String

    public static let validity: TimeInterval = 10 * 365 * 86_400
    public static let hostValidity: TimeInterval = 365 * 86_400

    /// A new CA, valid from a minute before `now` (clocks of hosts differ a little).
    public static func create(cloudName: String = "Stratus", now: Date) throws -> MigrationCertificateAuthority {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName {
            OrganizationName(cloudName)
            CommonName("\(cloudName) live-migration CA")
        }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-60), notValidAfter: now.addingTimeInterval(validity),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: .init(key))
        return MigrationCertificateAuthority(certificate: certificate, keyPEM: key.pemRepresentation + "\n")
    }

    /// The CA as it was saved (`certificatePEM`, `keyPEM`).
    public init(certificatePEM: String, keyPEM: String) throws {
        certificate = try Certificate(pemEncoded: certificatePEM)
        self.keyPEM = keyPEM
        let key = try P256.Signing.PrivateKey(pemRepresentation: keyPEM)
        guard certificate.publicKey == Certificate.PublicKey(key.publicKey) else {
            throw MigrationCAError("The migration CA's key does not match its certificate")
        }
    }

    private init(certificate: Certificate, keyPEM: String) {
        self.certificate = certificate
        self.keyPEM = keyPEM
    }

    public var certificatePEM: String { get throws { try certificate.serializeAsPEM().pemString + "\n" } }

    /// The five files QEMU's `tls-creds-x509` reads, for the host named `hostName`
    /// that receives migrations at `address` (an IPv4 address or a DNS name).
    public func issue(hostName: String, address: String, now: Date) throws -> HostMigrationCredentials {
        let names = Self.migrationNames(hostName: hostName, address: address)
        let (serverCertificate, serverKey) = try leaf(hostName, names: names, usage: .serverAuth, now: now)
        let (clientCertificate, clientKey) = try leaf(hostName, names: [.dnsName(hostName)], usage: .clientAuth, now: now)
        return HostMigrationCredentials(
            caCertificatePEM: try certificatePEM, serverCertificatePEM: serverCertificate, serverKeyPEM: serverKey,
            clientCertificatePEM: clientCertificate, clientKeyPEM: clientKey)
    }

    /// A remote host's migration certificates, for the key it already holds (its
    /// host certificate's): the key never leaves the host, and QEMU reads the same
    /// key file as its server and its client key. Issued at each agent start, for
    /// the migration address it registers.
    public func issueMigrationCertificates(
        publicKey: Certificate.PublicKey, hostName: String, address: String, now: Date
    ) throws -> (serverCertificatePEM: String, clientCertificatePEM: String) {
        let profile = { (names: [GeneralName], usage: ExtendedKeyUsage.Usage) in
            LeafProfile(commonName: hostName, names: names, usage: usage, keyEncipherment: true)
        }
        let server = try sign(
            profile(Self.migrationNames(hostName: hostName, address: address), .serverAuth), publicKey: publicKey,
            serial: Certificate.SerialNumber(), now: now)
        let client = try sign(profile([.dnsName(hostName)], .clientAuth), publicKey: publicKey, serial: Certificate.SerialNumber(), now: now)
        return (try server.serializeAsPEM().pemString + "\n", try client.serializeAsPEM().pemString + "\n")
    }

    /// The names a host's migration server certificate carries: its name, and the
    /// address it receives migrations on (QEMU's tls-hostname).
    static func migrationNames(hostName: String, address: String) -> [GeneralName] {
        var names: [GeneralName] = [.dnsName(hostName)]
        if let ip = IPv4.parse(address) {
            names.append(.ipAddress(ASN1OctetString(contentBytes: withUnsafeBytes(of: ip.bigEndian) { ArraySlice($0) })))
        } else if address != hostName {
            names.append(.dnsName(address))
        }
        return names
    }

    private func leaf(
        _ hostName: String, names: [GeneralName], usage: ExtendedKeyUsage.Usage, now: Date
    ) throws -> (certificate: String, key: String) {
        let leafKey = P256.Signing.PrivateKey()
        let leaf = try sign(
            LeafProfile(commonName: hostName, names: names, usage: usage, keyEncipherment: true),
            publicKey: .init(leafKey.publicKey), serial: Certificate.SerialNumber(), now: now)
        return (try leaf.serializeAsPEM().pemString + "\n", leafKey.pemRepresentation + "\n")
    }

    /// What a leaf certificate says about its holder.
    struct LeafProfile {
        var commonName: String
        var names: [GeneralName]
        var usage: ExtendedKeyUsage.Usage
        /// Migration certificates also allow key encipherment (QEMU's GnuTLS asks for it).
        var keyEncipherment: Bool
        var validity: TimeInterval = MigrationCertificateAuthority.hostValidity
    }

    /// A leaf for `publicKey`, signed with the CA's key, valid from a minute before `now`.
    func sign(_ profile: LeafProfile, publicKey: Certificate.PublicKey, serial: Certificate.SerialNumber, now: Date) throws -> Certificate {
        let subject = try DistinguishedName {
            OrganizationName("Stratus")
            CommonName(profile.commonName)
        }
        return try Certificate(
            version: .v3, serialNumber: serial, publicKey: publicKey,
            notValidBefore: now.addingTimeInterval(-60), notValidAfter: now.addingTimeInterval(profile.validity),
            issuer: certificate.subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: profile.keyEncipherment))
                try ExtendedKeyUsage([profile.usage])
                SubjectAlternativeNames(profile.names)
            },
            issuerPrivateKey: .init(try P256.Signing.PrivateKey(pemRepresentation: keyPEM)))
    }
}

/// One host's migration credentials, named as QEMU's `tls-creds-x509` wants them.
public struct HostMigrationCredentials: Sendable, Equatable {
    public var caCertificatePEM: String
    public var serverCertificatePEM: String
    public var serverKeyPEM: String
    public var clientCertificatePEM: String
    public var clientKeyPEM: String

    /// File name → contents; the keys are secrets (the caller writes them 0600).
    public var files: [(name: String, contents: String, secret: Bool)] {
        [
            ("ca-cert.pem", caCertificatePEM, false),
            ("server-cert.pem", serverCertificatePEM, false), ("server-key.pem", serverKeyPEM, true),
            ("client-cert.pem", clientCertificatePEM, false), ("client-key.pem", clientKeyPEM, true),
        ]
    }
}

/// A migration CA that cannot be used as saved.
public struct MigrationCAError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
