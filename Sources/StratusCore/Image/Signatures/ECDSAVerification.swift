import Crypto
import X509

/// ECDSA over P-256, P-384 or P-521 with a DER signature (what cursive's
/// ECCVerifier and OpenSSL produce), checked against a prehashed digest.
struct ECDSAVerification: Sendable {
    let keyType: ImageSignatureKeyType
    // Kept as swift-certificates' key, which is Sendable (swift-crypto's P-curve keys are not).
    private let publicKey: Certificate.PublicKey

    /// nil unless the key is on one of the three curves.
    init?(_ publicKey: Certificate.PublicKey) {
        if P256.Signing.PublicKey(publicKey) != nil {
            keyType = .eccSecp256r1
        } else if P384.Signing.PublicKey(publicKey) != nil {
            keyType = .eccSecp384r1
        } else if P521.Signing.PublicKey(publicKey) != nil {
            keyType = .eccSecp521r1
        } else {
            return nil
        }
        self.publicKey = publicKey
    }

    func isValid(derSignature: [UInt8], digest: [UInt8], method: ImageSignatureHashMethod) -> Bool {
        switch method {
        case .sha224: isValid(derSignature, PrehashedDigest<SHA224Length>(digest))
        case .sha256: isValid(derSignature, PrehashedDigest<SHA256Length>(digest))
        case .sha384: isValid(derSignature, PrehashedDigest<SHA384Length>(digest))
        case .sha512: isValid(derSignature, PrehashedDigest<SHA512Length>(digest))
        }
    }

    private func isValid<L: PrehashedDigestLength>(_ der: [UInt8], _ digest: PrehashedDigest<L>?) -> Bool {
        guard let digest else { return false }
        if let key = P256.Signing.PublicKey(publicKey),
           let signature = try? P256.Signing.ECDSASignature(derRepresentation: der) {
            return key.isValidSignature(signature, for: digest)
        }
        if let key = P384.Signing.PublicKey(publicKey),
           let signature = try? P384.Signing.ECDSASignature(derRepresentation: der) {
            return key.isValidSignature(signature, for: digest)
        }
        if let key = P521.Signing.PublicKey(publicKey),
           let signature = try? P521.Signing.ECDSASignature(derRepresentation: der) {
            return key.isValidSignature(signature, for: digest)
        }
        return false
    }
}
