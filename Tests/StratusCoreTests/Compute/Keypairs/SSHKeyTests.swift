import Foundation
import StratusCore
import Testing

@Suite("SSH key formats")
struct SSHKeyTests {
    @Test func generatedPublicKeyParsesBackWithTheSameFingerprint() throws {
        let generated = GeneratedKeypair.make(comment: "test", checkWord: 7)
        let line = generated.publicKey.line(comment: "test")
        let parsed = try #require(SSHPublicKey(line: line))
        #expect(parsed == generated.publicKey)
        #expect(parsed.fingerprint == generated.publicKey.fingerprint)
        #expect(generated.privateKeyPEM.hasPrefix("-----BEGIN OPENSSH PRIVATE KEY-----\n"))
        #expect(generated.privateKeyPEM.hasSuffix("-----END OPENSSH PRIVATE KEY-----\n"))
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
