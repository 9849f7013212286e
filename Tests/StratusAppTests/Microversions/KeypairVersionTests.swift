import Foundation
import HTTPTypes
import StratusCore
import StratusOpenStack
import Testing

/// `os-keypairs`: 2.2 types and status codes, 2.10 other users, 2.35 paging.
@Suite("Compute microversions: key pairs")
struct KeypairVersionTests {
    static let publicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBjvyN9lNi2TYS4qpQaGLS4C0uqfyG0p6BiLjOHUPixI test"

    @Test func typesAndStatusCodesFromTwoTwo() async throws {
        try await MicroversionCloud.run { cloud in
            let old = try await cloud.send(.post, "/os-keypairs", at: "2.1", json: ["keypair": ["name": "old"]])
            #expect(old.status == .ok)
            #expect(old.json?["keypair"]?["type"] == nil)
            #expect(try await cloud.send(.post, "/os-keypairs", at: "2.1", json: ["keypair": ["name": "t", "type": "ssh"]])
                .status == .badRequest, "type arrives at 2.2")
            let new = try await cloud.send(.post, "/os-keypairs", at: "2.2", json: [
                "keypair": ["name": "new", "public_key": .string(Self.publicKey)],
            ])
            #expect(new.status == .created)
            #expect(Set(new.json?["keypair"]?.objectValue?.keys ?? [:].keys) == ["name", "public_key", "fingerprint", "user_id", "type"])
            #expect(new.json?["keypair"]?["type"] == "ssh")
            let shown = try await cloud.send(.get, "/os-keypairs/new", at: "2.2")
            #expect(Set(shown.json?["keypair"]?.objectValue?.keys ?? [:].keys) == [
                "name", "public_key", "fingerprint", "user_id", "id", "created_at", "updated_at", "deleted", "deleted_at", "type",
            ])
            #expect(try await cloud.send(.get, "/os-keypairs/new", at: "2.1").json?["keypair"]?["type"] == nil)
            let listed = try await cloud.send(.get, "/os-keypairs", at: "2.2")
            #expect(listed.json?["keypairs"]?.arrayValue?.first?["keypair"]?["type"] == "ssh")
            #expect(try await cloud.send(.delete, "/os-keypairs/old", at: "2.1").status == .accepted)
            #expect(try await cloud.send(.delete, "/os-keypairs/new", at: "2.2").status == .noContent)
            let badType = try await cloud.send(.post, "/os-keypairs", at: "2.2", json: ["keypair": ["name": "b", "type": "pgp"]])
            #expect(badType.json?["badRequest"]?["message"] == "Invalid input for field/attribute type. Value: pgp. 'pgp' is not one of ['ssh', 'x509']")
        }
    }

    @Test func x509KeypairsAreGeneratedAndImported() async throws {
        try await MicroversionCloud.run { cloud in
            let generated = try await cloud.send(.post, "/os-keypairs", at: "2.2", json: ["keypair": ["name": "win", "type": "x509"]])
            #expect(generated.status == .created)
            let keypair = try #require(generated.json?["keypair"])
            let certificate = try #require(keypair["public_key"]?.stringValue)
            #expect(certificate.hasPrefix("-----BEGIN CERTIFICATE-----"))
            let fingerprint = try #require(keypair["fingerprint"]?.stringValue)
            #expect(fingerprint.split(separator: ":").count == 20, "SHA-1, colon separated")
            let bundle = try #require(Data(base64Encoded: keypair["private_key"]?.stringValue ?? ""))
            #expect(bundle.first == 0x30, "a DER PKCS#12 bundle")
            // Importing the same certificate fingerprints it the same way.
            let imported = try await cloud.send(.post, "/os-keypairs", at: "2.2", json: [
                "keypair": ["name": "win2", "type": "x509", "public_key": .string(certificate)],
            ])
            #expect(imported.json?["keypair"]?["fingerprint"] == .string(fingerprint))
            #expect(imported.json?["keypair"]?["private_key"] == nil)
            let garbage = try await cloud.send(.post, "/os-keypairs", at: "2.2", json: [
                "keypair": ["name": "bad", "type": "x509", "public_key": .string(Self.publicKey)],
            ])
            #expect(garbage.json?["badRequest"]?["message"]?.stringValue?
                .hasPrefix("Keypair data is invalid: failed to generate X509 fingerprint.") == true)
        }
    }

    @Test func administratorsActForOtherUsersFromTwoTen() async throws {
        try await MicroversionCloud.run { cloud in
            let (otherID, _) = try await cloud.makeOther()
            let early = try await cloud.send(.post, "/os-keypairs", token: cloud.admin, at: "2.9",
                                             json: ["keypair": ["name": "k", "user_id": .string(otherID)]])
            #expect(early.status == .badRequest)
            let made = try await cloud.send(.post, "/os-keypairs", token: cloud.admin, at: "2.10",
                                            json: ["keypair": ["name": "k", "user_id": .string(otherID)]])
            #expect(made.status == .created)
            #expect(made.json?["keypair"]?["user_id"] == .string(otherID))
            let other = try await cloud.cloud.token(user: "other", password: "pw-other", project: "otherproject")
            #expect(try await cloud.send(.get, "/os-keypairs/k", token: other, at: "2.10").status == .ok)
            #expect(try await cloud.send(.get, "/os-keypairs/k?user_id=\(otherID)", token: cloud.admin, at: "2.10").status == .ok)
            #expect(try await cloud.send(.get, "/os-keypairs/k?user_id=\(otherID)", token: cloud.admin, at: "2.9").status == .notFound,
                    "before 2.10 user_id is not read: the admin's own key pairs")
            let list = try await cloud.send(.get, "/os-keypairs?user_id=\(otherID)", token: cloud.admin, at: "2.10")
            #expect(list.json?["keypairs"]?.arrayValue?.count == 1)
            let denied = try await cloud.send(.get, "/os-keypairs?user_id=\(otherID)", at: "2.10")
            #expect(denied.json?["forbidden"]?["message"] == "Policy doesn't allow os_compute_api:os-keypairs:index to be performed.")
            #expect(try await cloud.send(.delete, "/os-keypairs/k?user_id=\(otherID)", token: cloud.admin, at: "2.10").status == .noContent)
            #expect(try await cloud.send(.get, "/os-keypairs/k", token: other, at: "2.10").status == .notFound)
        }
    }

    @Test func pagingFromTwoThirtyFive() async throws {
        try await MicroversionCloud.run { cloud in
            for name in ["c", "a", "b"] {
                _ = try await cloud.send(.post, "/os-keypairs", at: "2.35", json: ["keypair": ["name": .string(name), "public_key": .string(Self.publicKey)]])
            }
            func names(_ reply: Reply) -> [String] {
                reply.json?["keypairs"]?.arrayValue?.compactMap { $0["keypair"]?["name"]?.stringValue } ?? []
            }
            let first = try await cloud.send(.get, "/os-keypairs?limit=2", at: "2.35")
            #expect(names(first) == ["a", "b"])
            #expect(first.json?["keypairs_links"]?.arrayValue?.first?["href"]
                == "http://127.0.0.1:5000/compute/v2.1/os-keypairs?limit=2&marker=b")
            #expect(names(try await cloud.send(.get, "/os-keypairs?limit=2&marker=b", at: "2.35")) == ["c"])
            #expect(names(try await cloud.send(.get, "/os-keypairs?limit=2", at: "2.34")) == ["a", "b", "c"], "no paging before 2.35")
            let marker = try await cloud.send(.get, "/os-keypairs?marker=zz", at: "2.35")
            #expect(marker.json?["badRequest"]?["message"] == "Marker zz could not be found.")
        }
    }
}
