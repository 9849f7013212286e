import Crypto
import Foundation
import SwiftASN1
import X509

/// The certificates of the controller ⇄ host link, signed by the cloud's CA
/// (the one that signs migration certificates, so one trust root serves both).
extension MigrationCertificateAuthority {
    /// An enrolled host's client certificate for the key of its request:
    /// CN and SAN dNSName the host's name, key usage digitalSignature, extended
    /// key usage clientAuth, valid a year (`hostValidity`), serial `serial`
    /// (`HostCertificateSerial.random`). Only the request's key is taken from it.
    public func issueHostCertificate(
        for request: HostCertificateSigningRequest, hostName: String, serial: HostCertificateSerial, now: Date
    ) throws -> EnrolledHostCredentials {
        let name = try EnrollmentHostName.validate(hostName)
        let leaf = try sign(
            LeafProfile(commonName: name, names: [.dnsName(name)], usage: .clientAuth, keyEncipherment: false),
            publicKey: request.publicKey, serial: serial.number, now: now)
        return EnrolledHostCredentials(
            certificatePEM: try leaf.serializeAsPEM().pemString + "\n", caCertificatePEM: try certificatePEM,
            serial: serial.hex, expiresAt: leaf.notValidAfter)
    }

    /// The controller's own TLS server certificate for the listener hosts connect
    /// to, with a new P-256 key: SAN every DNS name and IP address given (IPv4
    /// dotted or IPv6 text; anything else is refused), extended key usage serverAuth.
    public func issueServerCertificate(
        commonName: String, dnsNames: [String], ipAddresses: [String], now: Date
    ) throws -> (certificatePEM: String, keyPEM: String) {
        var names: [GeneralName] = dnsNames.map { .dnsName($0) }
        for address in ipAddresses {
            guard let bytes = IPAddressBytes.parse(address) else {
                throw MigrationCAError("not an IP address: \(address)")
            }
            names.append(.ipAddress(ASN1OctetString(contentBytes: ArraySlice(bytes))))
        }
        guard !names.isEmpty else { throw MigrationCAError("a server certificate needs a DNS name or an IP address") }
        let key = P256.Signing.PrivateKey()
        let leaf = try sign(
            LeafProfile(commonName: commonName, names: names, usage: .serverAuth, keyEncipherment: false),
            publicKey: .init(key.publicKey), serial: Certificate.SerialNumber(), now: now)
        return (try leaf.serializeAsPEM().pemString + "\n", key.pemRepresentation + "\n")
    }
}

/// A certificate's serial number: 20 random bytes, the first made positive and
/// non-zero so the DER integer keeps all 20 and the hex form is canonical.
public struct HostCertificateSerial: Sendable, Equatable {
    public let bytes: [UInt8]

    public static func random(using ids: any IdentifierSource) -> HostCertificateSerial {
        var bytes = ids.randomBytes(20)
        if bytes.count != 20 { bytes = Array(repeating: 0, count: 20) }  // a broken source still gives 20
        bytes[0] = (bytes[0] & 0x7F) | 0x01
        return HostCertificateSerial(bytes: bytes)
    }

    /// The serial of an issued certificate, as credentials record it.
    public init(_ number: Certificate.SerialNumber) {
        bytes = Array(number.bytes)
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    var number: Certificate.SerialNumber { Certificate.SerialNumber(bytes: bytes) }
    public var hex: String { LowercaseHex.string(bytes) }
}
