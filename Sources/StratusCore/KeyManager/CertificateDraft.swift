import Foundation

/// A Barbican `POST /v1/secrets` body, checked: this store holds X.509 certificates
/// only, sent whole in the one request (PEM as `text/plain`, or base64 of PEM or DER
/// as `application/octet-stream`).
public struct CertificateDraft: Sendable, Equatable {
    public var name: String?
    public var payload: String?
    public var payloadContentType: String?
    public var payloadContentEncoding: String?
    public var secretType: String?
    /// Barbican's `expiration`; a certificate expires by its own validity, so any
    /// value here is refused rather than silently ignored.
    public var expiration: String?

    /// Barbican's `max_allowed_secret_in_bytes` default.
    public static let maxPayloadBytes = 20000

    public init(
        name: String? = nil, payload: String? = nil, payloadContentType: String? = nil,
        payloadContentEncoding: String? = nil, secretType: String? = nil, expiration: String? = nil
    ) {
        self.name = name
        self.payload = payload
        self.payloadContentType = payloadContentType
        self.payloadContentEncoding = payloadContentEncoding
        self.secretType = secretType
        self.expiration = expiration
    }

    /// The record to store, or the first reason it cannot be.
    public func certificate(
        id: String, creatorUserID: String, projectID: String?, at now: Date
    ) throws(KeyManagerError) -> StoredCertificate {
        if let name, name.count > 255 { throw .badRequest(Self.schema("'name' is longer than 255 characters.")) }
        guard secretType == "certificate" else {
            throw .badRequest(Self.schema("This key manager stores certificates only: 'secret_type' must be 'certificate'."))
        }
        guard expiration == nil else {
            throw .badRequest(Self.schema("'expiration' is not accepted: a certificate expires by its own validity."))
        }
        guard let payload, !payload.isEmpty else {
            throw .badRequest(Self.schema("'payload' is required and must be non empty."))
        }
        guard let contentType = payloadContentType else {
            throw .badRequest(Self.schema("If 'payload' is supplied, 'payload_content_type' must also be supplied."))
        }
        let bytes: [UInt8]
        let storedType: String
        switch Self.mediaType(contentType) {
        case "text/plain":
            guard payloadContentEncoding == nil else {
                throw .badRequest(Self.schema("'payload_content_encoding' is only for application/octet-stream."))
            }
            bytes = Array(payload.utf8)
            storedType = "text/plain"
        case "application/octet-stream":
            guard payloadContentEncoding == "base64" else {
                throw .badRequest(Self.schema("'payload_content_encoding' must be 'base64' for application/octet-stream."))
            }
            guard let decoded = Data(base64Encoded: payload) else {
                throw .badRequest("Problem decoding payload")
            }
            bytes = Array(decoded)
            storedType = "application/octet-stream"
        default:
            throw .unsupportedMediaType("Content-Type of '\(contentType)' is not supported for PUT.")
        }
        guard bytes.count <= Self.maxPayloadBytes else {
            throw .badRequest("Secret payload is larger than \(Self.maxPayloadBytes) bytes.")
        }
        let parsed: SigningCertificate
        do {
            parsed = try SigningCertificate(pemOrDER: bytes)
        } catch {
            throw .badRequest("The payload is not an X.509 certificate.")
        }
        guard parsed.notValidAfter > now else {
            throw .badRequest("The certificate expired on \(Self.timestamp(parsed.notValidAfter)).")
        }
        return StoredCertificate(
            id: id, name: name, payload: bytes, payloadContentType: storedType, subject: parsed.subject,
            notValidBefore: parsed.notValidBefore, notValidAfter: parsed.notValidAfter,
            fingerprintSHA256: parsed.fingerprintSHA256, creatorUserID: creatorUserID, projectID: projectID,
            createdAt: now)
    }

    static func schema(_ detail: String) -> String { "Provided object does not match schema 'Secret': \(detail)" }

    static func mediaType(_ value: String) -> String {
        value.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
