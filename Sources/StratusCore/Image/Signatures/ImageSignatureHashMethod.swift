/// `img_signature_hash_method`: the hash the signature was made over, by Glance's names.
public enum ImageSignatureHashMethod: String, Sendable, CaseIterable {
    case sha224 = "SHA-224"
    case sha256 = "SHA-256"
    case sha384 = "SHA-384"
    case sha512 = "SHA-512"

    /// Bytes in a digest: PSS's hLen, and what `PreparedImageSignature.verify` expects.
    public var digestByteCount: Int {
        switch self {
        case .sha224: 28
        case .sha256: 32
        case .sha384: 48
        case .sha512: 64
        }
    }

    /// A one-shot hash, for PSS's M' and MGF1.
    func hash(_ bytes: [UInt8]) -> [UInt8] {
        var digest = ImageSignatureDigest(self)
        digest.update(bytes)
        return digest.finalize()
    }
}
