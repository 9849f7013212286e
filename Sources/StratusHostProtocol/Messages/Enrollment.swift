import Foundation

/// A host's first call: the administrator's one-time join token, the name the
/// host will have, and a PKCS#10 request for the key it made (its private key
/// never leaves it).
public struct EnrollmentRequest: Codable, Sendable, Equatable {
    public var joinToken: String
    public var hostName: String
    public var csrPem: String

    public init(joinToken: String, hostName: String, csrPem: String) {
        self.joinToken = joinToken
        self.hostName = hostName
        self.csrPem = csrPem
    }
}

/// The host's client certificate from the cloud's CA; every later call presents it.
public struct EnrollmentResponse: Codable, Sendable, Equatable {
    public var certificatePem: String
    public var caCertificatePem: String
    public var expiresAt: Date

    public init(certificatePem: String, caCertificatePem: String, expiresAt: Date) {
        self.certificatePem = certificatePem
        self.caCertificatePem = caCertificatePem
        self.expiresAt = expiresAt
    }
}

/// An enrolled host asks for live-migration certificates for the address it
/// receives migrations on; the controller signs its certificate's own key.
public struct MigrationCredentialsRequest: Codable, Sendable, Equatable {
    public var migrationAddress: String

    public init(migrationAddress: String) { self.migrationAddress = migrationAddress }
}

/// QEMU's `tls-creds-x509` files but the key, which the host already holds.
public struct MigrationCredentials: Codable, Sendable, Equatable {
    public var caCertificatePem: String
    public var serverCertificatePem: String
    public var clientCertificatePem: String

    public init(caCertificatePem: String, serverCertificatePem: String, clientCertificatePem: String) {
        self.caCertificatePem = caCertificatePem
        self.serverCertificatePem = serverCertificatePem
        self.clientCertificatePem = clientCertificatePem
    }
}
