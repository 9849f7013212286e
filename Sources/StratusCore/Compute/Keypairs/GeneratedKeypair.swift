import Crypto
import Foundation

/// A fresh Ed25519 key pair in OpenSSH's formats: the public line to store and
/// the private key (`-----BEGIN OPENSSH PRIVATE KEY-----`, unencrypted) to hand
/// back once.
public struct GeneratedKeypair: Sendable {
    public var publicKey: SSHPublicKey
    public var privateKeyPEM: String

    public static func make(comment: String, checkWord: UInt32 = UInt32.random(in: .min ... .max)) -> GeneratedKeypair {
        let key = Curve25519.Signing.PrivateKey()
        let publicBytes = key.publicKey.rawRepresentation
        let type = "ssh-ed25519"
        let publicBlob = SSHWire.string(Data(type.utf8)) + SSHWire.string(publicBytes)

        var secret = SSHWire.uint32(checkWord) + SSHWire.uint32(checkWord)
        secret += SSHWire.string(Data(type.utf8)) + SSHWire.string(publicBytes)
        secret += SSHWire.string(key.rawRepresentation + publicBytes)  // OpenSSH keeps seed ‖ public
        secret += SSHWire.string(Data(comment.utf8))
        var padding: UInt8 = 1
        while secret.count % 8 != 0 {
            secret.append(padding)
            padding += 1
        }

        var body = Data("openssh-key-v1".utf8) + Data([0])
        body += SSHWire.string(Data("none".utf8)) + SSHWire.string(Data("none".utf8)) + SSHWire.string(Data())
        body += SSHWire.uint32(1) + SSHWire.string(publicBlob) + SSHWire.string(secret)

        let encoded = body.base64EncodedString()
        let lines = stride(from: 0, to: encoded.count, by: 70).map { offset -> String in
            let start = encoded.index(encoded.startIndex, offsetBy: offset)
            let end = encoded.index(start, offsetBy: 70, limitedBy: encoded.endIndex) ?? encoded.endIndex
            return String(encoded[start..<end])
        }
        let pem = (["-----BEGIN OPENSSH PRIVATE KEY-----"] + lines + ["-----END OPENSSH PRIVATE KEY-----"])
            .joined(separator: "\n") + "\n"
        return GeneratedKeypair(publicKey: SSHPublicKey(type: type, blob: publicBlob), privateKeyPEM: pem)
    }
}
