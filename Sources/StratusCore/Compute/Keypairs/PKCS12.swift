import Crypto
import Foundation
import SwiftASN1

/// A minimal PKCS#12 (RFC 7292) writer: one unencrypted SafeContents holding
/// the certificate and its PKCS#8 key, paired by `localKeyId`, integrity by an
/// HMAC-SHA256 MAC keyed from the empty password — what `openssl pkcs12
/// -export -password pass:` yields, minus the (password-less, so pointless)
/// bag encryption. OpenSSL and Python's `cryptography` read it.
enum PKCS12 {
    static let iterations = 2048

    static func bundle(certificateDER: [UInt8], privateKeyPKCS8: [UInt8], salt: [UInt8]) throws -> [UInt8] {
        let keyID = Array(Insecure.SHA1.hash(data: certificateDER))
        var contents = DER.Serializer()
        try contents.appendConstructedNode(identifier: .sequence) { coder in
            try bag(&coder, type: [1, 2, 840, 113549, 1, 12, 10, 1, 3], keyID: keyID) { coder in
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    try coder.serialize(ASN1ObjectIdentifier(arrayLiteral: 1, 2, 840, 113549, 1, 9, 22, 1))
                    try coder.serialize(ASN1OctetString(contentBytes: certificateDER[...]),
                                        explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific)
                }
            }
            try bag(&coder, type: [1, 2, 840, 113549, 1, 12, 10, 1, 1], keyID: keyID) { coder in
                coder.serializeRawBytes(privateKeyPKCS8)
            }
        }
        var authenticated = DER.Serializer()
        try authenticated.appendConstructedNode(identifier: .sequence) { coder in
            try dataContentInfo(&coder, contents.serializedBytes)
        }
        let authSafe = authenticated.serializedBytes
        let macKey = derive(password: [0, 0], salt: salt, id: 3, iterations: iterations, length: 32)
        let mac = Array(HMAC<SHA256>.authenticationCode(for: authSafe, using: SymmetricKey(data: macKey)))

        var pfx = DER.Serializer()
        try pfx.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(3)
            try dataContentInfo(&coder, authSafe)
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    try coder.appendConstructedNode(identifier: .sequence) { coder in
                        try coder.serialize(ASN1ObjectIdentifier(arrayLiteral: 2, 16, 840, 1, 101, 3, 4, 2, 1))
                        try coder.serialize(ASN1Null())
                    }
                    try coder.serialize(ASN1OctetString(contentBytes: mac[...]))
                }
                try coder.serialize(ASN1OctetString(contentBytes: salt[...]))
                try coder.serialize(iterations)
            }
        }
        return pfx.serializedBytes
    }

    private static func bag(
        _ coder: inout DER.Serializer, type: ASN1ObjectIdentifier, keyID: [UInt8],
        value: (inout DER.Serializer) throws -> Void
    ) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(type)
            try coder.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific), value)
            try coder.appendConstructedNode(identifier: .set) { coder in
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    try coder.serialize(ASN1ObjectIdentifier(arrayLiteral: 1, 2, 840, 113549, 1, 9, 21))
                    try coder.appendConstructedNode(identifier: .set) { coder in
                        try coder.serialize(ASN1OctetString(contentBytes: keyID[...]))
                    }
                }
            }
        }
    }

    /// ContentInfo { id-data, [0] EXPLICIT OCTET STRING }.
    private static func dataContentInfo(_ coder: inout DER.Serializer, _ bytes: [UInt8]) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(ASN1ObjectIdentifier(arrayLiteral: 1, 2, 840, 113549, 1, 7, 1))
            try coder.serialize(ASN1OctetString(contentBytes: bytes[...]), explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific)
        }
    }

    /// RFC 7292 appendix B.2 key derivation with SHA-256 (u = 32, v = 64 bytes).
    static func derive(password: [UInt8], salt: [UInt8], id: UInt8, iterations: Int, length: Int) -> [UInt8] {
        let (u, v) = (32, 64)
        func stretch(_ bytes: [UInt8]) -> [UInt8] {
            guard !bytes.isEmpty else { return [] }
            let count = v * ((bytes.count + v - 1) / v)
            return (0..<count).map { bytes[$0 % bytes.count] }
        }
        let diversifier = [UInt8](repeating: id, count: v)
        var input = stretch(salt) + stretch(password)
        var output: [UInt8] = []
        while output.count < length {
            var block = Array(SHA256.hash(data: diversifier + input))
            for _ in 1..<max(1, iterations) { block = Array(SHA256.hash(data: block)) }
            output += block
            let b = (0..<v).map { block[$0 % u] }
            for start in stride(from: 0, to: input.count, by: v) {
                var carry = 1
                for offset in (0..<v).reversed() {
                    let sum = Int(input[start + offset]) + Int(b[offset]) + carry
                    input[start + offset] = UInt8(sum & 0xFF)
                    carry = sum >> 8
                }
            }
        }
        return Array(output.prefix(length))
    }
}
