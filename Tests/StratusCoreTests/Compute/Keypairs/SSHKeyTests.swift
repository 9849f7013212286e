import Foundation
import StratusCore
import Testing
import _CryptoExtras

@Suite("SSH key formats")
struct SSHKeyTests {
    @Test func generatedPublicKeyParsesBackWithTheSameFingerprint() throws {
        let generated = try GeneratedKeypair.make()
        let line = generated.publicKey.line(comment: "test")
        #expect(line.hasPrefix("ssh-rsa AAAAB3NzaC1yc2E"))
        let parsed = try #require(SSHPublicKey(line: line))
        #expect(parsed == generated.publicKey)
        #expect(parsed.fingerprint == generated.publicKey.fingerprint)
        #expect(generated.privateKeyPEM.hasPrefix("-----BEGIN RSA PRIVATE KEY-----\n"))
        #expect(generated.privateKeyPEM.hasSuffix("-----END RSA PRIVATE KEY-----\n"))
    }

    /// The `ssh-rsa` blob's e and n are the private key's: a signature made with the
    /// PEM verifies under a public key rebuilt from the blob alone.
    @Test func generatedPublicBlobHoldsThePrivateKeysNumbers() throws {
        let generated = try GeneratedKeypair.make()
        let fields = try #require(sshWireFields(generated.publicKey.blob))
        #expect(fields.count == 3)
        #expect(String(decoding: fields[0], as: UTF8.self) == "ssh-rsa")
        #expect(fields[2].first == 0)  // n's top bit is set: mpint adds a zero byte
        let rebuilt = try _RSA.Signing.PublicKey(n: fields[2], e: fields[1])
        let privateKey = try _RSA.Signing.PrivateKey(pemRepresentation: generated.privateKeyPEM)
        #expect(privateKey.keySizeInBits == 2048)
        let message = Data("stratus".utf8)
        let signature = try privateKey.signature(for: message, padding: .insecurePKCS1v1_5)
        #expect(rebuilt.isValidSignature(signature, for: message, padding: .insecurePKCS1v1_5))
    }

    /// ssh-keygen -l -E md5 of this key prints this fingerprint.
    @Test func fingerprintMatchesOpenSSH() throws {
        let key = try #require(SSHPublicKey(line:
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJwYjWLXYMR11VTY3xwloCYkdAnOLu8J6dFi0kYm3dd7 x"))
        #expect(key.type == "ssh-ed25519")
        #expect(key.fingerprint == "c8:3c:ff:fa:a5:68:80:eb:fa:68:cc:a0:0a:8f:54:f6")
    }

    @Test(arguments: [
        "", "ssh-ed25519", "ssh-foo AAAA", "ssh-rsa not-base64!",
        "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIJwYjWLXYMR11VTY3xwloCYkdAnOLu8J6dFi0kYm3dd7",  // blob names another type
    ])
    func malformedKeysAreRejected(line: String) {
        #expect(SSHPublicKey(line: line) == nil)
    }
}

/// The length-prefixed strings of an SSH wire blob, nil if it is malformed.
private func sshWireFields(_ blob: Data) -> [Data]? {
    var bytes = [UInt8](blob)[...]
    var fields: [Data] = []
    while !bytes.isEmpty {
        guard bytes.count >= 4 else { return nil }
        let length = bytes.prefix(4).reduce(0) { $0 << 8 | Int($1) }
        bytes = bytes.dropFirst(4)
        guard length <= bytes.count else { return nil }
        fields.append(Data(bytes.prefix(length)))
        bytes = bytes.dropFirst(length)
    }
    return fields
}
