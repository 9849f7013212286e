import Crypto
import Foundation

/// A digest computed elsewhere (by `ImageSignatureDigest`, while the data streamed),
/// in the shape swift-crypto's ECDSA `isValidSignature(_:for:)` takes. The BoringSSL
/// backend only reads the bytes and, like OpenSSL, uses the leftmost bits up to the
/// curve order's length, so any of the four methods works on any curve, SHA-224
/// included. The length type parameter exists only for `Digest.byteCount`.
struct PrehashedDigest<Length: PrehashedDigestLength>: Digest {
    static var byteCount: Int { Length.byteCount }

    private let bytes: [UInt8]

    init?(_ bytes: [UInt8]) {
        guard bytes.count == Length.byteCount else { return nil }
        self.bytes = bytes
    }

    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes(body)
    }

    func makeIterator() -> IndexingIterator<[UInt8]> {
        bytes.makeIterator()
    }

    var description: String {
        "PrehashedDigest(\(bytes.map { String($0, radix: 16) }.joined()))"
    }
}

protocol PrehashedDigestLength: Hashable, Sendable {
    static var byteCount: Int { get }
}

enum SHA224Length: PrehashedDigestLength { static var byteCount: Int { 28 } }
enum SHA256Length: PrehashedDigestLength { static var byteCount: Int { 32 } }
enum SHA384Length: PrehashedDigestLength { static var byteCount: Int { 48 } }
enum SHA512Length: PrehashedDigestLength { static var byteCount: Int { 64 } }
