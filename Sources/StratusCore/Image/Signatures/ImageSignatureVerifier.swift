import Foundation

/// Checks an image's signature properties against its signing certificate.
///
///     prepare(properties, certificate, now)   before any data is read
///         → PreparedImageSignature            (or a failure: refuse the upload)
///     ImageSignatureDigest(hashMethod)         updated with every chunk
///     prepared.verify(digest: finalize())      after the last chunk
public enum ImageSignatureVerifier {
    /// Refuses, in cursive's order, a hash method or key type it does not know,
    /// base64 that does not decode, a certificate outside its validity window and a
    /// certificate whose key is not of the signature's key type, so an upload can be
    /// refused before its data is read.
    public static func prepare(
        signatureBase64: String,
        hashMethod: String,
        keyType: String,
        certificate: SigningCertificate,
        now: Date
    ) throws(ImageSignatureFailure) -> PreparedImageSignature {
        let signature = try decodeSignature(signatureBase64)
        guard let method = ImageSignatureHashMethod(rawValue: hashMethod) else {
            throw .invalidHashMethod(hashMethod)
        }
        guard let type = ImageSignatureKeyType(rawValue: keyType) else {
            throw .invalidKeyType(keyType)
        }
        if now < certificate.notValidBefore { throw .certificateNotYetValid(notValidBefore: certificate.notValidBefore) }
        if now > certificate.notValidAfter { throw .certificateExpired(notValidAfter: certificate.notValidAfter) }
        guard certificate.keyType == type else { throw .keyTypeMismatch(type) }
        return PreparedImageSignature(hashMethod: method, keyType: type, signature: signature, key: certificate.key)
    }

    /// Like oslo's `base64.decode_as_bytes` (Python's lenient `b64decode`): characters
    /// outside the alphabet, such as line breaks, are skipped; bad padding is refused.
    static func decodeSignature(_ text: String) throws(ImageSignatureFailure) -> [UInt8] {
        guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
            throw .invalidBase64
        }
        guard !data.isEmpty else { throw .emptySignature }
        return Array(data)
    }
}
