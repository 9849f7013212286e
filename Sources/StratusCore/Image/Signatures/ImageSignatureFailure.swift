import Foundation

/// Why an image signature was refused. `message` is cursive's reason where cursive has
/// one; Glance shows it inside "Signature verification for the image failed: <reason>."
/// except for a bad signature, which it reports as just "Signature verification failed".
public enum ImageSignatureFailure: Error, Sendable, Equatable {
    case missingProperty(String)
    case invalidHashMethod(String)
    case invalidKeyType(String)
    case invalidBase64
    /// The decoded signature is empty (cursive cannot build a verifier for it).
    case emptySignature
    case invalidCertificate
    /// The certificate's key is not the kind `img_signature_key_type` names.
    case keyTypeMismatch(ImageSignatureKeyType)
    case keyTooSmall(bits: Int)
    case certificateNotYetValid(notValidBefore: Date)
    case certificateExpired(notValidAfter: Date)
    /// The caller passed a digest of the wrong length for the hash method: a bug, not bad data.
    case digestLengthMismatch(expected: Int, actual: Int)
    case verificationFailed

    public var message: String {
        switch self {
        case .missingProperty(let name):
            "Required image properties for signature verification do not exist. "
                + "Cannot verify signature. Missing property: \(name)"
        case .invalidHashMethod(let name): "Invalid signature hash method: \(name)"
        case .invalidKeyType(let name): "Invalid signature key type: \(name)"
        case .invalidBase64: "The signature data was not properly encoded using base64"
        case .emptySignature: "Error occurred while creating the verifier"
        case .invalidCertificate: "Invalid certificate format: the certificate is not an X.509 certificate in PEM or DER"
        case .keyTypeMismatch(let keyType): "Invalid public key type for signature key type: \(keyType.rawValue)"
        case .keyTooSmall(let bits): "RSA keys must have at least 2048 bits; the certificate's key has \(bits)"
        case .certificateNotYetValid(let date): "Certificate is not valid before: \(Self.pythonUTC(date)) UTC"
        case .certificateExpired(let date): "Certificate is not valid after: \(Self.pythonUTC(date)) UTC"
        case .digestLengthMismatch(let expected, let actual):
            "Image digest has \(actual) bytes; the signature's hash method makes \(expected)"
        case .verificationFailed: "Signature verification failed"
        }
    }

    /// `str(datetime)` as cursive prints certificate dates: `2026-12-01 06:55:14`.
    static func pythonUTC(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute)):\(two(c.second))"
    }
}
