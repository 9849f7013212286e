import Foundation
import _CryptoExtras

/// A fresh key pair as Nova's `crypto.generate_key_pair` makes it: RSA 2048, the
/// public key as an OpenSSH `ssh-rsa` line to store and the private key as PKCS#1
/// PEM (`-----BEGIN RSA PRIVATE KEY-----`, unencrypted) to hand back once. RSA, not a
/// newer curve, because clients load generated keys as RSA: tempest's SSH client
/// reads them with paramiko's `RSAKey`, so an Ed25519 key fails every login.
public struct GeneratedKeypair: Sendable {
    public var publicKey: SSHPublicKey
    public var privateKeyPEM: String

    public static func make() throws -> GeneratedKeypair {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let numbers = try key.publicKey.getKeyPrimitives()
        let type = "ssh-rsa"
        // RFC 4253 §6.6: string "ssh-rsa", mpint e, mpint n.
        let blob = SSHWire.string(Data(type.utf8)) + SSHWire.mpint(numbers.publicExponent)
            + SSHWire.mpint(numbers.modulus)
        var pem = key.pemRepresentation
        if !pem.hasSuffix("\n") { pem += "\n" }
        return GeneratedKeypair(publicKey: SSHPublicKey(type: type, blob: blob), privateKeyPEM: pem)
    }
}
