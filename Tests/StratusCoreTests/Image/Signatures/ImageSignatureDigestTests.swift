import Crypto
@testable import StratusCore
import Testing

@Suite struct ImageSignatureDigestTests {
    @Test(arguments: ImageSignatureHashMethod.allCases)
    func streamedDigestEqualsOneShot(method: ImageSignatureHashMethod) {
        let data = SignatureFixtures.image
        var digest = ImageSignatureDigest(method)
        var start = 0
        while start < data.count {
            digest.update(Array(data[start..<min(start + 777, data.count)]))
            start += 777
        }
        let expected: [UInt8] = switch method {
        case .sha224: method.hash(data)
        case .sha256: Array(SHA256.hash(data: data))
        case .sha384: Array(SHA384.hash(data: data))
        case .sha512: Array(SHA512.hash(data: data))
        }
        #expect(digest.finalize() == expected)
        #expect(digest.finalize().count == method.digestByteCount)
    }

    @Test func aCopyHashesOnItsOwn() {
        var first = ImageSignatureDigest(.sha256)
        first.update(Array("abc".utf8))
        var second = first
        second.update(Array("def".utf8))
        #expect(first.finalize() == Array(SHA256.hash(data: Array("abc".utf8))))
        #expect(second.finalize() == Array(SHA256.hash(data: Array("abcdef".utf8))))
    }
}
