import Foundation
import HTTPTypes
import StratusCore
import StratusOpenStack
import Testing

/// Signed images as Glance verifies them (cursive): the data is checked against the
/// declared signature and the key manager's certificate before the image is active.
@Suite("Signed images over HTTP")
struct ImageSigningHTTPTests {
    static let data = Array("a hardened image, built by the operators".utf8)

    @Test func aValidSignatureActivatesTheImageAndSaysSo() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let id = try await cloud.imageDeclaringSignature(of: Self.data, by: try TestSigner(), admin: admin)
            #expect(try await cloud.upload(id, token: admin, Self.data).status == .noContent)
            let image = try await cloud.glance(.get, "/images/\(id)", token: admin)
            #expect(image.json?["status"] == "active")
            #expect(image.json?["stratus_signature_verified"] == "true")
            #expect(image.json?["stratus_signature_certificate_fingerprint"]?.stringValue?.count == 64)

            // The signature is fixed once the data is in: no relabelling afterwards.
            let relabel = try await cloud.patch("/image/v2/images/\(id)", token: admin, [
                ["op": "replace", "path": "/img_signature", "value": "AAAA"],
            ])
            #expect(relabel.status == .forbidden)
            let forge = try await cloud.patch("/image/v2/images/\(id)", token: admin, [
                ["op": "remove", "path": "/stratus_signature_verified"],
            ])
            #expect(forge.status == .forbidden)
        }
    }

    @Test func tamperedDataKillsTheImageWithTheReason() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let id = try await cloud.imageDeclaringSignature(of: Self.data, by: try TestSigner(), admin: admin)
            var tampered = Self.data
            tampered[0] ^= 0x01
            let reply = try await cloud.upload(id, token: admin, tampered)
            #expect(reply.status == .badRequest)
            #expect(reply.text.contains("Signature verification failed for image \(id)"))
            let image = try await cloud.glance(.get, "/images/\(id)", token: admin)
            #expect(image.json?["status"] == "killed")
            #expect(image.json?["stratus_signature_verified"] == nil)
            #expect(try await cloud.sendRaw(.get, "/image/v2/images/\(id)/file", token: admin).status != .ok)
        }
    }

    @Test func anUnknownCertificateOrAMissingPropertyKillsTheImage() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let signer = try TestSigner()
            var properties = try signer.properties(for: Self.data, certificateID: "b9b5fdb5-0000-4000-8000-000000000000")
            let unknown = try await cloud.createImage(token: admin, properties.mapValues(JSONValue.string))
            let first = try await cloud.upload(unknown, token: admin, Self.data)
            #expect(first.status == .badRequest && first.text.contains("Unable to retrieve certificate with ID"))
            #expect(try await cloud.glance(.get, "/images/\(unknown)", token: admin).json?["status"] == "killed")

            properties["img_signature_hash_method"] = nil
            let partial = try await cloud.createImage(token: admin, properties.mapValues(JSONValue.string))
            let second = try await cloud.upload(partial, token: admin, Self.data)
            #expect(second.status == .badRequest && second.text.contains("Missing property: img_signature_hash_method"))
        }
    }

    @Test func aCertificateOutsideItsValidityAtUploadIsRefused() async throws {
        // Validity is checked when the data is verified, against the clock then: a
        // certificate stored ahead of its validity signs nothing yet. (An expired one
        // cannot be stored at all; the core's tests cover expiry at verification.)
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let signer = try TestSigner(notValidBefore: Date().addingTimeInterval(86400),
                                        notValidAfter: Date().addingTimeInterval(2 * 86400))
            let id = try await cloud.imageDeclaringSignature(of: Self.data, by: signer, admin: admin)
            let reply = try await cloud.upload(id, token: admin, Self.data)
            #expect(reply.status == .badRequest && reply.text.contains("Certificate is not valid before"))
            #expect(try await cloud.glance(.get, "/images/\(id)", token: admin).json?["status"] == "killed")
        }
    }

    @Test func onlyTheServiceWritesItsOwnMarks() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let reply = try await cloud.glance(.post, "/images", token: admin, json: [
                "name": "forged", "stratus_signature_verified": "true",
            ])
            #expect(reply.status == .forbidden)
            #expect(reply.glanceMessage?.contains("stratus_signature_verified") == true)
        }
    }
}
