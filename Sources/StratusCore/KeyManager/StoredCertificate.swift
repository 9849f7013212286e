import Foundation

/// A certificate in the cloud's store (Barbican's secret of type `certificate`):
/// what image signatures are verified against. The payload is kept as it was sent
/// (PEM text or DER bytes) and handed back the same way; what the store knows of
/// it was read from the certificate itself when it was stored.
public struct StoredCertificate: Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String?
    public var payload: [UInt8]
    /// `text/plain` for PEM, `application/octet-stream` for DER.
    public var payloadContentType: String
    public var subject: String
    public var notValidBefore: Date
    public var notValidAfter: Date
    /// SHA-256 of the DER certificate, hex.
    public var fingerprintSHA256: String
    public var creatorUserID: String
    public var projectID: String?
    public var createdAt: Date

    public init(
        id: String, name: String?, payload: [UInt8], payloadContentType: String, subject: String,
        notValidBefore: Date, notValidAfter: Date, fingerprintSHA256: String, creatorUserID: String,
        projectID: String?, createdAt: Date
    ) {
        self.id = id
        self.name = name
        self.payload = payload
        self.payloadContentType = payloadContentType
        self.subject = subject
        self.notValidBefore = notValidBefore
        self.notValidAfter = notValidAfter
        self.fingerprintSHA256 = fingerprintSHA256
        self.creatorUserID = creatorUserID
        self.projectID = projectID
        self.createdAt = createdAt
    }
}
