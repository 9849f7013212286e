import Crypto

/// Streaming hash for one method: update with chunks as the image data arrives,
/// finalize to the digest that `PreparedImageSignature.verify` checks.
public struct ImageSignatureDigest: @unchecked Sendable {
    // @unchecked: swift-crypto's SHA-2 types are not marked Sendable, but they are
    // copy-on-write values (a shared context is copied before it is mutated).
    // One optional per method, exactly one set: updated in place, never copied.
    private var sha224: SHA224?
    private var sha256: SHA256?
    private var sha384: SHA384?
    private var sha512: SHA512?

    public let method: ImageSignatureHashMethod

    public init(_ method: ImageSignatureHashMethod) {
        self.method = method
        switch method {
        case .sha224: sha224 = SHA224()
        case .sha256: sha256 = SHA256()
        case .sha384: sha384 = SHA384()
        case .sha512: sha512 = SHA512()
        }
    }

    public mutating func update(_ chunk: [UInt8]) {
        sha224?.update(chunk)
        sha256?.update(data: chunk)
        sha384?.update(data: chunk)
        sha512?.update(data: chunk)
    }

    /// The digest of everything so far; the hash can still be updated afterwards.
    public func finalize() -> [UInt8] {
        switch method {
        case .sha224: sha224!.finalize()
        case .sha256: Array(sha256!.finalize())
        case .sha384: Array(sha384!.finalize())
        case .sha512: Array(sha512!.finalize())
        }
    }
}
