/// RSASSA-PSS verification (RFC 8017 §8.1.2) over a digest, with MGF1 on the same
/// hash and the salt length recovered from the encoded message (§9.1.2 with
/// OpenSSL's "auto" salt): python cryptography's PSS.MAX_LENGTH, which
/// openstacksdk's ImageSigner uses, and digest-length salts both verify.
/// swift-crypto's own PSS check only accepts a digest-length salt.
struct RSAPSSVerification: Sendable {
    static let minimumModulusBits = 2048

    private let modulus: MontgomeryModulus
    private let exponent: [UInt8]
    let modulusBits: Int

    /// `modulus` and `exponent` big-endian, leading zeros allowed.
    init?(modulus: [UInt8], exponent: [UInt8]) {
        let n = Array(modulus.drop { $0 == 0 })
        guard let montgomery = MontgomeryModulus(bigEndian: n) else { return nil }
        self.modulus = montgomery
        self.exponent = Array(exponent.drop { $0 == 0 })
        modulusBits = n.count * 8 - n[0].leadingZeroBitCount
    }

    func isValid(signature: [UInt8], digest: [UInt8], method: ImageSignatureHashMethod) -> Bool {
        // RSAVP1: s must be exactly k bytes and below n.
        guard signature.count == (modulusBits + 7) / 8 else { return false }
        let emBits = modulusBits - 1
        let emLength = (emBits + 7) / 8
        guard let em = modulus.power(signature, exponent, byteCount: emLength) else { return false }
        return Self.encodingMatches(em, emBits: emBits, digest: digest, method: method)
    }

    /// EMSA-PSS-VERIFY (RFC 8017 §9.1.2), steps 3-14, with sLen taken from the
    /// position of DB's 0x01 separator.
    static func encodingMatches(_ em: [UInt8], emBits: Int, digest: [UInt8], method: ImageSignatureHashMethod) -> Bool {
        let hashLength = method.digestByteCount
        guard digest.count == hashLength, em.count >= hashLength + 2 else { return false }
        guard em[em.count - 1] == 0xbc else { return false }
        let dbLength = em.count - hashLength - 1
        let maskedDB = em[0..<dbLength]
        let h = Array(em[dbLength..<(em.count - 1)])
        // The bits above emBits in the first byte must be clear.
        let unusedBits = 8 * em.count - emBits
        let topMask: UInt8 = unusedBits == 0 ? 0xff : 0xff >> UInt8(unusedBits)
        guard maskedDB[0] & ~topMask == 0 else { return false }
        var db = zip(maskedDB, mgf1(seed: h, length: dbLength, method: method)).map { $0 ^ $1 }
        db[0] &= topMask
        // DB = PS (zeros) || 0x01 || salt.
        guard let separator = db.firstIndex(where: { $0 != 0 }), db[separator] == 0x01 else { return false }
        let salt = db[(separator + 1)...]
        let mPrime = [UInt8](repeating: 0, count: 8) + digest + salt
        return method.hash(mPrime) == h
    }

    /// MGF1 (RFC 8017 §B.2.1) on the signature's hash.
    static func mgf1(seed: [UInt8], length: Int, method: ImageSignatureHashMethod) -> [UInt8] {
        var mask: [UInt8] = []
        mask.reserveCapacity(length + method.digestByteCount)
        var counter: UInt32 = 0
        while mask.count < length {
            let c = (0..<4).map { UInt8(truncatingIfNeeded: counter >> (24 - 8 * $0)) }
            mask += method.hash(seed + c)
            counter += 1
        }
        return Array(mask.prefix(length))
    }
}
