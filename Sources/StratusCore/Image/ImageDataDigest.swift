import Crypto
import Foundation

/// What stored data is: its size and hashes, computed while it streams through.
public struct ImageDataReceipt: Sendable, Equatable {
    public var size: Int64
    /// MD5, hex: Glance's `checksum` and the `Content-MD5` of downloads.
    public var md5: String
    /// SHA-512, hex: `os_hash_value` under `os_hash_algo` `sha512`.
    public var sha512: String
    /// The digest a declared signature is checked against (its own hash method).
    public var signatureDigest: [UInt8]?

    public init(size: Int64, md5: String, sha512: String, signatureDigest: [UInt8]? = nil) {
        self.size = size
        self.md5 = md5
        self.sha512 = sha512
        self.signatureDigest = signatureDigest
    }
}

/// Counts and hashes data as it arrives and refuses it the moment it passes the
/// size limit, before the excess is written anywhere.
public struct ImageDataDigest {
    public let limit: Int64
    public private(set) var size: Int64 = 0
    private var md5 = Insecure.MD5()
    private var sha512 = SHA512()
    private var signature: ImageSignatureDigest?

    /// `signatureHash`: also hash with a declared signature's method.
    public init(limit: Int64, signatureHash: ImageSignatureHashMethod? = nil) {
        self.limit = limit
        self.signature = signatureHash.map(ImageSignatureDigest.init)
    }

    public mutating func add(_ chunk: [UInt8]) throws(ImageError) {
        size += Int64(chunk.count)
        guard size <= limit else { throw Self.tooLarge(limit) }
        md5.update(data: chunk)
        sha512.update(data: chunk)
        signature?.update(chunk)
    }

    public func finish() -> ImageDataReceipt {
        ImageDataReceipt(
            size: size, md5: Self.hex(md5.finalize()), sha512: Self.hex(sha512.finalize()),
            signatureDigest: signature?.finalize())
    }

    /// Glance's words for data over `image_size_cap`.
    public static func tooLarge(_ limit: Int64) -> ImageError {
        .tooLarge("Denying attempt to upload image larger than \(limit) bytes.")
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
