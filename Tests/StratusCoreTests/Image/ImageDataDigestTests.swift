@testable import StratusCore
import Testing

@Suite struct ImageDataDigestTests {
    @Test func hashesWhatStreamsThrough() throws {
        var digest = ImageDataDigest(limit: 100)
        try digest.add(Array("hello ".utf8))
        try digest.add(Array("world".utf8))
        let receipt = digest.finish()
        #expect(receipt.size == 11)
        #expect(receipt.md5 == "5eb63bbbe01eeed093cb22bb8f5acdc3")
        #expect(receipt.sha512 == "309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff499670da34255b45b0cfd830e81f605dcf7dc5542e93ae9cd76f")
    }

    @Test func refusesTheChunkThatPassesTheLimit() throws {
        var digest = ImageDataDigest(limit: 10)
        try digest.add([UInt8](repeating: 1, count: 10))
        #expect(throws: ImageError.tooLarge("Denying attempt to upload image larger than 10 bytes.")) {
            try digest.add([1])
        }
    }

    @Test func theTestImageIsABootableMiB() async throws {
        var bytes: [UInt8] = []
        for try await chunk in TestImageData.chunks { bytes += chunk }
        #expect(bytes.count == TestImageData.size)
        #expect(bytes[510] == 0x55 && bytes[511] == 0xAA)
        // The code's `mov si` points at the message.
        let offset = Int(bytes[5]) | Int(bytes[6]) << 8 - 0x7C00
        #expect(String(decoding: bytes[offset..<(offset + TestImageData.message.utf8.count)], as: UTF8.self)
            == TestImageData.message)
        #expect(bytes[512...].allSatisfy { $0 == 0 })
    }
}
