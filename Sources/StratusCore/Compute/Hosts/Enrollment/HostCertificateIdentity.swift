import Foundation
import X509

/// Who a host's client certificate says it is: the controller takes a host's
/// identity from the certificate its TLS handshake verified against the cloud's
/// CA, then asks `HostEnrollmentService.authorize(hostName:serial:)` whether that
/// certificate still counts (not revoked, not expired).
public struct HostCertificateIdentity: Sendable, Equatable {
    public var hostName: String
    public var serial: String

    public init(hostName: String, serial: String) {
        self.hostName = hostName
        self.serial = serial
    }

    /// The subject's common name (which must also be the SAN dNSName, as the
    /// cloud issues them) and the serial as lowercase hex.
    public init(certificate: Certificate) throws {
        let commonNames = certificate.subject.flatMap { $0 }
            .filter { $0.type == .RDNAttributeType.commonName }
            .compactMap { String($0.value) }
        guard commonNames.count == 1, let name = commonNames.first, EnrollmentHostName.isValid(name) else {
            throw HostEnrollmentError.unknownCredential
        }
        let alternativeNames: SubjectAlternativeNames?
        do {
            alternativeNames = try certificate.extensions.subjectAlternativeNames
        } catch {
            throw HostEnrollmentError.unknownCredential
        }
        let dnsNames = (alternativeNames.map(Array.init) ?? []).compactMap { name -> String? in
            if case .dnsName(let dns) = name { return dns }
            return nil
        }
        guard dnsNames == [name] else { throw HostEnrollmentError.unknownCredential }
        hostName = name
        serial = HostCertificateSerial(certificate.serialNumber).hex
    }

    public init(certificatePEM: String) throws {
        let certificate: Certificate
        do {
            certificate = try Certificate(pemEncoded: certificatePEM)
        } catch {
            throw HostEnrollmentError.unknownCredential
        }
        try self.init(certificate: certificate)
    }
}
