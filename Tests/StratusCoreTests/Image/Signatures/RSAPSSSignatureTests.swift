@testable import StratusCore
import Testing

/// RSA-PSS signatures made by python cryptography like openstacksdk's ImageSigner.
@Suite struct RSAPSSSignatureTests {
    typealias F = SignatureFixtures
    typealias S = SignatureTestSupport

    static let maxSaltSignatures: [(String, ImageSignatureHashMethod)] = [
        (F.rsaSHA224MaxSalt, .sha224), (F.rsaSHA256MaxSalt, .sha256),
        (F.rsaSHA384MaxSalt, .sha384), (F.rsaSHA512MaxSalt, .sha512),
    ]

    @Test(arguments: maxSaltSignatures)
    func imageSignerMaxSaltSignatureVerifies(signature: String, method: ImageSignatureHashMethod) throws {
        let certificate = try S.certificate(F.rsaCertificatePEM)
        try S.verify(F.image, signature: signature, method: method, keyType: .rsaPSS, certificate: certificate)
    }

    @Test func digestLengthAndZeroSaltsVerify() throws {
        let certificate = try S.certificate(F.rsaCertificatePEM)
        try S.verify(F.image, signature: F.rsaSHA512DigestSalt, method: .sha512, keyType: .rsaPSS, certificate: certificate)
        try S.verify(F.image, signature: F.rsaSHA256ZeroSalt, method: .sha256, keyType: .rsaPSS, certificate: certificate)
    }

    /// A 2049-bit modulus: the encoded message is a byte shorter than the signature.
    @Test func oddModulusLengthVerifies() throws {
        let certificate = try S.certificate(F.rsa2049CertificatePEM)
        try S.verify(F.image, signature: F.rsa2049SHA256MaxSalt, method: .sha256, keyType: .rsaPSS, certificate: certificate)
    }

    @Test func tamperedDataFails() throws {
        let certificate = try S.certificate(F.rsaCertificatePEM)
        var data = F.image
        data[5000] ^= 0x01
        #expect(throws: ImageSignatureFailure.verificationFailed) {
            try S.verify(data, signature: F.rsaSHA256MaxSalt, method: .sha256, keyType: .rsaPSS, certificate: certificate)
        }
        #expect(throws: ImageSignatureFailure.verificationFailed) {
            try S.verify(data + [0], signature: F.rsaSHA256MaxSalt, method: .sha256, keyType: .rsaPSS, certificate: certificate)
        }
    }

    @Test func tamperedSignatureFails() throws {
        let certificate = try S.certificate(F.rsaCertificatePEM)
        var signature = try ImageSignatureVerifier.decodeSignature(F.rsaSHA256MaxSalt)
        for index in [0, 100, signature.count - 1] {
            var flipped = signature
            flipped[index] ^= 0x80
            #expect(throws: ImageSignatureFailure.verificationFailed) {
                try S.verify(F.image, signature: S.base64(flipped), method: .sha256, keyType: .rsaPSS, certificate: certificate)
            }
        }
        signature.removeLast()
        #expect(throws: ImageSignatureFailure.verificationFailed) {
            try S.verify(F.image, signature: S.base64(signature), method: .sha256, keyType: .rsaPSS, certificate: certificate)
        }
    }

    @Test func wrongHashMethodFails() throws {
        let certificate = try S.certificate(F.rsaCertificatePEM)
        #expect(throws: ImageSignatureFailure.verificationFailed) {
            try S.verify(F.image, signature: F.rsaSHA256MaxSalt, method: .sha384, keyType: .rsaPSS, certificate: certificate)
        }
    }

    @Test func anotherCertificateFails() throws {
        let other = try S.certificate(F.otherRSACertificatePEM)
        #expect(throws: ImageSignatureFailure.verificationFailed) {
            try S.verify(F.image, signature: F.rsaSHA256MaxSalt, method: .sha256, keyType: .rsaPSS, certificate: other)
        }
    }

    @Test func keysUnder2048BitsAreRefused() {
        // swift-certificates refuses to parse them; the verifier would refuse them too.
        #expect(throws: ImageSignatureFailure.self) {
            try S.certificate(F.rsa1024CertificatePEM)
        }
    }

    /// EMSA-PSS-VERIFY's structural checks, on an encoding built by hand.
    @Test func encodingChecks() {
        let method = ImageSignatureHashMethod.sha256
        let digest = method.hash(Array("image".utf8))
        let salt: [UInt8] = [1, 2, 3, 4]
        let emBits = 1023
        let emLength = 128
        func encode(separator: UInt8 = 0x01, trailer: UInt8 = 0xbc) -> [UInt8] {
            let h = method.hash([UInt8](repeating: 0, count: 8) + digest + salt)
            let db = [UInt8](repeating: 0, count: emLength - salt.count - h.count - 2) + [separator] + salt
            let mask = RSAPSSVerification.mgf1(seed: h, length: db.count, method: method)
            var masked = zip(db, mask).map { $0 ^ $1 }
            masked[0] &= 0x7f
            return masked + h + [trailer]
        }
        #expect(RSAPSSVerification.encodingMatches(encode(), emBits: emBits, digest: digest, method: method))
        #expect(!RSAPSSVerification.encodingMatches(encode(trailer: 0xbd), emBits: emBits, digest: digest, method: method))
        #expect(!RSAPSSVerification.encodingMatches(encode(separator: 0x02), emBits: emBits, digest: digest, method: method))
        var highBit = encode()
        highBit[0] |= 0x80
        #expect(!RSAPSSVerification.encodingMatches(highBit, emBits: emBits, digest: digest, method: method))
        #expect(!RSAPSSVerification.encodingMatches(encode(), emBits: emBits, digest: method.hash([]), method: method))
    }
}
