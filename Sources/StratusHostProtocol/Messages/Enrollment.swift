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
