import Crypto
import Foundation
@testable import StratusCore
import Testing
import X509

@Suite struct ECDSASignatureTests {
    typealias F = SignatureFixtures
    typealias S = SignatureTestSupport

    /// DER ECDSA signatures made by OpenSSL (python cryptography), including digests
    /// longer (SHA-512 on P-256) and shorter (SHA-224 on P-384) than the curve order.
    static let opensslSignatures: [(String, String, ImageSignatureHashMethod, ImageSignatureKeyType)] = [
        (F.p256CertificatePEM, F.p256SHA512, .sha512, .eccSecp256r1),
        (F.p256CertificatePEM, F.p256SHA224, .sha224, .eccSecp256r1),
        (F.p384CertificatePEM, F.p384SHA384, .sha384, .eccSecp384r1),
        (F.p384CertificatePEM, F.p384SHA224, .sha224, .eccSecp384r1),
        (F.p521CertificatePEM, F.p521SHA512, .sha512, .eccSecp521r1),
        (F.p521CertificatePEM, F.p521SHA256, .sha256, .eccSecp521r1),
    ]

    @Test(arguments: opensslSignatures)
    func opensslSignatureVerifies(
        pem: String, signature: String, method: ImageSignatureHashMethod, keyType: ImageSignatureKeyType
    ) throws {
        let certificate = try S.certificate(pem)
        try S.verify(F.image, signature: signature, method: method, keyType: keyType, certificate: certificate)
        var tampered = F.image
        tampered[0] ^= 0xff
        #expect(throws: ImageSignatureFailure.verificationFailed) {
            try S.verify(tampered, signature: signature, method: method, keyType: keyType, certificate: certificate)
        }
    }

    /// A signature, and its certificate, made in-test with swift-crypto's keys.
    static func signed(
        _ data: [UInt8], _ keyType: ImageSignatureKeyType, _ method: ImageSignatureHashMethod
    ) throws -> (signature: String, certificate: SigningCertificate) {
        let digest = S.digest(data, method)
        func prehashed<L: PrehashedDigestLength>(_: L.Type) -> PrehashedDigest<L> { PrehashedDigest<L>(digest)! }
        switch keyType {
        case .eccSecp256r1:
            let key = P256.Signing.PrivateKey()
            let signature = switch method {
            case .sha224: try key.signature(for: prehashed(SHA224Length.self))
            case .sha256: try key.signature(for: prehashed(SHA256Length.self))
            case .sha384: try key.signature(for: prehashed(SHA384Length.self))
            case .sha512: try key.signature(for: prehashed(SHA512Length.self))
            }
            return (S.base64(signature.derRepresentation),
                    try S.selfSigned(publicKey: .init(key.publicKey), privateKey: .init(key)))
        case .eccSecp384r1:
            let key = P384.Signing.PrivateKey()
            let signature = switch method {
            case .sha224: try key.signature(for: prehashed(SHA224Length.self))
            case .sha256: try key.signature(for: prehashed(SHA256Length.self))
            case .sha384: try key.signature(for: prehashed(SHA384Length.self))
            case .sha512: try key.signature(for: prehashed(SHA512Length.self))
            }
            return (S.base64(signature.derRepresentation),
                    try S.selfSigned(publicKey: .init(key.publicKey), privateKey: .init(key)))
        case .eccSecp521r1:
            let key = P521.Signing.PrivateKey()
            let signature = switch method {
            case .sha224: try key.signature(for: prehashed(SHA224Length.self))
            case .sha256: try key.signature(for: prehashed(SHA256Length.self))
            case .sha384: try key.signature(for: prehashed(SHA384Length.self))
            case .sha512: try key.signature(for: prehashed(SHA512Length.self))
            }
            return (S.base64(signature.derRepresentation),
                    try S.selfSigned(publicKey: .init(key.publicKey), privateKey: .init(key)))
        case .rsaPSS:
            throw ImageSignatureFailure.invalidKeyType("not an ECC key type")
        }
    }

    static let curves: [ImageSignatureKeyType] = [.eccSecp256r1, .eccSecp384r1, .eccSecp521r1]

    @Test(arguments: curves, ImageSignatureHashMethod.allCases)
    func swiftCryptoSignatureVerifies(keyType: ImageSignatureKeyType, method: ImageSignatureHashMethod) throws {
        let data = Array("a small image".utf8) + F.image
        let (signature, certificate) = try Self.signed(data, keyType, method)
        try S.verify(data, signature: signature, method: method, keyType: keyType, certificate: certificate)
        #expect(throws: ImageSignatureFailure.verificationFailed) {
            try S.verify(Array(data.dropLast()), signature: signature, method: method, keyType: keyType, certificate: certificate)
        }
    }

    @Test(arguments: curves)
    func anotherKeyOnTheSameCurveFails(keyType: ImageSignatureKeyType) throws {
        let (signature, _) = try Self.signed(F.image, keyType, .sha256)
        let (_, other) = try Self.signed(F.image, keyType, .sha256)
        #expect(throws: ImageSignatureFailure.verificationFailed) {
            try S.verify(F.image, signature: signature, method: .sha256, keyType: keyType, certificate: other)
        }
    }

    @Test func aSignatureThatIsNotDERFails() throws {
        let certificate = try S.certificate(F.p256CertificatePEM)
        #expect(throws: ImageSignatureFailure.verificationFailed) {
            try S.verify(F.image, signature: S.base64([UInt8](repeating: 7, count: 64)), method: .sha256,
                         keyType: .eccSecp256r1, certificate: certificate)
        }
    }
}
