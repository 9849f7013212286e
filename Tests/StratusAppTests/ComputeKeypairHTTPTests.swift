import StratusOpenStack
import Testing

@Suite("Compute v2.1 over HTTP: key pairs")
struct ComputeKeypairHTTPTests {
    static let importedKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJwYjWLXYMR11VTY3xwloCYkdAnOLu8J6dFi0kYm3dd7 someone@example"

    @Test func generatedKeyIsReturnedOnceAndImportedKeyIsFingerprinted() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let generated = try await cloud.send(.post, "/compute/v2.1/os-keypairs", token: admin,
                                                 json: ["keypair": ["name": "gen"]])
            #expect(generated.status == .ok)
            #expect(generated.json?["keypair"]?["private_key"]?.stringValue?
                .hasPrefix("-----BEGIN RSA PRIVATE KEY-----") == true)
            #expect(generated.json?["keypair"]?["public_key"]?.stringValue?.hasPrefix("ssh-rsa ") == true)

            let imported = try await cloud.send(.post, "/compute/v2.1/os-keypairs", token: admin,
                                                json: ["keypair": ["name": "imp", "public_key": .string(Self.importedKey)]])
            #expect(imported.json?["keypair"]?["private_key"] == nil)
            let fingerprint = try #require(imported.json?["keypair"]?["fingerprint"]?.stringValue)
            #expect(fingerprint.split(separator: ":").count == 16)

            let shown = try await cloud.send(.get, "/compute/v2.1/os-keypairs/gen", token: admin)
            #expect(shown.json?["keypair"]?["private_key"] == nil)
            #expect(shown.json?["keypair"]?["deleted"] == false)
            let names = try await cloud.send(.get, "/compute/v2.1/os-keypairs", token: admin)
                .json?["keypairs"]?.arrayValue?.compactMap { $0["keypair"]?["name"]?.stringValue }
            #expect(names == ["gen", "imp"])
        }
    }

    @Test func keypairsArePerUserAndBadInputIsRefused() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            _ = try await cloud.makeUser("kim", role: "member", project: "demo", adminToken: admin)
            let kim = try await cloud.token(user: "kim", password: "pw-kim", project: "demo")
            #expect(try await cloud.send(.post, "/compute/v2.1/os-keypairs", token: admin,
                                         json: ["keypair": ["name": "mine"]]).status == .ok)
            #expect(try await cloud.send(.get, "/compute/v2.1/os-keypairs/mine", token: kim).status == .notFound)
            #expect(try await cloud.send(.post, "/compute/v2.1/os-keypairs", token: admin,
                                         json: ["keypair": ["name": "mine"]]).status == .conflict)
            #expect(try await cloud.send(.post, "/compute/v2.1/os-keypairs", token: kim,
                                         json: ["keypair": ["name": "bad/name"]]).status == .badRequest)
            #expect(try await cloud.send(.post, "/compute/v2.1/os-keypairs", token: kim, json: [
                "keypair": ["name": "junk", "public_key": "ssh-rsa not-base64!"],
            ]).status == .badRequest)
            #expect(try await cloud.send(.get, "/compute/v2.1/os-keypairs", token: kim)
                .json?["keypairs"]?.arrayValue?.isEmpty == true)
            #expect(try await cloud.send(.delete, "/compute/v2.1/os-keypairs/mine", token: admin).status == .accepted)
            #expect(try await cloud.send(.delete, "/compute/v2.1/os-keypairs/mine", token: admin).status == .notFound)
        }
    }

    /// Nova stores an imported key exactly as sent; Ansible's keypair module compares
    /// its file (newline and all) with what it reads back and would replace it on every run.
    @Test func importedKeyIsKeptExactlyAsSent() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let sent = Self.importedKey + "\n"
            let imported = try await cloud.send(.post, "/compute/v2.1/os-keypairs", token: admin,
                                                json: ["keypair": ["name": "nl", "public_key": .string(sent)]])
            #expect(imported.status == .ok)
            #expect(imported.json?["keypair"]?["public_key"] == .string(sent))
            let shown = try await cloud.send(.get, "/compute/v2.1/os-keypairs/nl", token: admin)
            #expect(shown.json?["keypair"]?["public_key"] == .string(sent))
            // The fingerprint is the key's own, newline or not.
            let bare = try await cloud.send(.post, "/compute/v2.1/os-keypairs", token: admin,
                                            json: ["keypair": ["name": "bare", "public_key": .string(Self.importedKey)]])
            #expect(bare.json?["keypair"]?["public_key"] == .string(Self.importedKey))
            #expect(bare.json?["keypair"]?["fingerprint"] == shown.json?["keypair"]?["fingerprint"])
            let listed = try await cloud.send(.get, "/compute/v2.1/os-keypairs", token: admin)
                .json?["keypairs"]?.arrayValue?.first { $0["keypair"]?["name"] == "nl" }
            #expect(listed?["keypair"]?["public_key"] == .string(sent))
        }
    }
}
