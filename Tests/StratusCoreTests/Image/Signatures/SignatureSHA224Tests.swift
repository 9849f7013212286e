@testable import StratusCore
import Testing

@Suite struct SignatureSHA224Tests {
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    static func sha224(_ bytes: [UInt8]) -> String {
        var hash = SHA224()
        hash.update(bytes)
        return hex(hash.finalize())
    }

    // FIPS 180-4 examples (NIST CSRC SHA-224 example values) and the empty string.
    @Test func nistVectors() {
        #expect(Self.sha224(Array("abc".utf8)) == "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7")
        #expect(Self.sha224(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525")
        #expect(Self.sha224([]) == "d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f")
    }

    @Test func oneMillionAsInChunks() {
        var hash = SHA224()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hash.update(chunk) }
        #expect(Self.hex(hash.finalize()) == "20794655980c91d8bbb4c1ea97618a4bf03f42581948b2ee4ee7ad67")
    }

    /// hashlib.sha224(bytes((i*31+7)%256 for i in range(n))), lengths around the
    /// 55/56-byte padding edge and the 64-byte block edges.
    static let pythonVectors: [(Int, String)] = [
        (1, "00ecd5f138422b8ad74c9799fd826c531bad2fcabc7450bee2aa8c2a"),
        (3, "b46657025684680e1d5ea326c7d0f45c496436e225dcf20349c53ceb"),
        (55, "c0c292e161a463ae5b77f08438f45cc0b34c0fa8e2fe0c6a8ddce7f5"),
        (56, "ad0e4dae43e8b3bbcb2755e9bb1ef283a363a8155ff2531ef38c83d7"),
        (57, "c344d89334a8aa6fef8823cf01d060fa12b8eb9d92127b9bdbbb142f"),
        (63, "c6ba0426bcdb6fc8de3db3147ae140e48c003ddae8898acc1af67e81"),
        (64, "0d8dc940d62a2c2926eb2602fec283d0e12a9cf9fac0db61a466a550"),
        (65, "136e6cc78e857fdd1fa55c9e2fd6dec806e80ee988cccf7d80631b1d"),
        (111, "bd77a578b768a5cd8740e942c78d7f689a205b1bc769e7d94a0d4514"),
        (119, "e41b7ee02edc3d63ddc6c1ac516c63dcce10848609324f0726139a94"),
        (120, "255bce819431c9f94932fc9f3e45bf92f1f0a33b5eaab71d443b1a83"),
        (127, "99962c7ff8b4bd587556cd580ed2ed51549ed3300c9c36ab980682df"),
        (128, "65d5a809d2ab2fde48a321060b4eb97d28fc6700df36dcf5c5db18b2"),
        (129, "1d0a8cb4de859567156da4db3b70e16534409db9ab790899cdc26252"),
        (191, "ad9801fd328e0549b25525c18587c458d08bf948281b61d57458cc93"),
        (1000, "2dc7f66b50af36588ccf95cf6374a6c0722d9ea1b03cb637b1f40488"),
        (4097, "f29c2b34334bd73a7238d8119055fea08187be5e8699fd3f92dddd3f"),
    ]

    @Test(arguments: pythonVectors)
    func matchesHashlib(length: Int, expected: String) {
        let data = (0..<length).map { UInt8(($0 * 31 + 7) % 256) }
        #expect(Self.sha224(data) == expected)
        // The same bytes in uneven chunks, so a chunk ends mid-block and at block edges.
        for chunkSize in [1, 7, 63, 64, 65] {
            var hash = SHA224()
            var start = 0
            while start < data.count {
                hash.update(Array(data[start..<min(start + chunkSize, data.count)]))
                start += chunkSize
            }
            #expect(Self.hex(hash.finalize()) == expected, "chunks of \(chunkSize)")
        }
    }

    @Test func finalizeLeavesTheHashUsable() {
        var hash = SHA224()
        hash.update(Array("ab".utf8))
        _ = hash.finalize()
        hash.update(Array("c".utf8))
        #expect(Self.hex(hash.finalize()) == "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7")
    }
}
