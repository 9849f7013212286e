import Foundation

/// A certificate the cloud issued an enrolled host: the controller accepts a
/// host's connection only while the credential of its certificate's serial
/// names that host, is unexpired and is not revoked.
public struct HostCredential: Sendable, Equatable {
    public var hostName: String
    /// The certificate's serial number, lowercase hex.
    public var serial: String
    public var issuedAt: Date
    public var expiresAt: Date
    public var revokedAt: Date?
    /// The join token it was issued for.
    public var joinTokenID: String

    public init(
        hostName: String, serial: String, issuedAt: Date, expiresAt: Date, revokedAt: Date? = nil, joinTokenID: String
    ) {
        self.hostName = hostName
        self.serial = serial
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.joinTokenID = joinTokenID
    }
}

/// What an enrolled host receives: its certificate, the CA to trust the
/// controller with, and the certificate's serial and end.
public struct EnrolledHostCredentials: Sendable, Equatable {
    public var certificatePEM: String
    public var caCertificatePEM: String
    public var serial: String
    public var expiresAt: Date

    public init(certificatePEM: String, caCertificatePEM: String, serial: String, expiresAt: Date) {
        self.certificatePEM = certificatePEM
        self.caCertificatePEM = caCertificatePEM
        self.serial = serial
        self.expiresAt = expiresAt
    }
}
