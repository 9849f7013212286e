/// `img_signature_key_type`: how the signature was made, by cursive's names.
///
/// cursive registers no P-256 key type (only SECP384R1 and SECP521R1 among the prime
/// curves); Stratus also accepts ECC_SECP256R1.
public enum ImageSignatureKeyType: String, Sendable, CaseIterable {
    case rsaPSS = "RSA-PSS"
    case eccSecp256r1 = "ECC_SECP256R1"
    case eccSecp384r1 = "ECC_SECP384R1"
    case eccSecp521r1 = "ECC_SECP521R1"
}
