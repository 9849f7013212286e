/// A signature whose properties and certificate have been checked, waiting for
/// the digest of the image data (computed with `ImageSignatureDigest(hashMethod)`).
public struct PreparedImageSignature: Sendable {
    public let hashMethod: ImageSignatureHashMethod
    public let keyType: ImageSignatureKeyType
    let signature: [UInt8]
    let key: SigningCertificate.SigningKey

    /// Throws `.verificationFailed` unless the signature is valid for `digest`.
    public func verify(digest: [UInt8]) throws(ImageSignatureFailure) {
        guard digest.count == hashMethod.digestByteCount else {
            throw .digestLengthMismatch(expected: hashMethod.digestByteCount, actual: digest.count)
        }
        let valid = switch key {
        case .rsa(let rsa): rsa.isValid(signature: signature, digest: digest, method: hashMethod)
        case .ecdsa(let ecdsa): ecdsa.isValid(derSignature: signature, digest: digest, method: hashMethod)
        case .other: false
        }
        guard valid else { throw .verificationFailed }
    }
}
