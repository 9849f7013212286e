import Foundation
import HTTPTypes
import StratusCore
import StratusOpenStack
import Testing

/// The Barbican v1 subset at `/key-manager`: certificates only, administrators
/// store and delete, readers see; Barbican's shapes and error bodies.
@Suite("Key manager over HTTP: certificates")
struct KeyManagerHTTPTests {
    @Test func versionDiscoveryIsBarbicans() async throws {
        try await TestCloud.run { cloud in
            let root = try await cloud.send(.get, "/key-manager")
            #expect(root.status == .multipleChoices)
            let entry = try #require(root.json?["versions"]?["values"]?.arrayValue?.first)
            #expect(entry["id"] == "v1" && entry["status"] == "stable")
            #expect(entry["links"]?.arrayValue?.first?["href"] == .string(cloud.cloud.baseURL + "/key-manager/v1/"))
            #expect(try await cloud.send(.get, "/key-manager/v1").json?["version"]?["id"] == "v1")
            let catalog = try await cloud.send(.get, "/identity/v3/auth/catalog", token: try await cloud.token())
            let types = catalog.json?["catalog"]?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? []
            #expect(types.contains("key-manager"))
        }
    }

    @Test func adminsStoreCertificatesAndReadersFetchThem() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let signer = try TestSigner()
            let stored = try await Self.store(cloud, admin, pem: signer.certificatePEM, name: "signer")
            #expect(stored.status == .created)
            let ref = try #require(stored.json?["secret_ref"]?.stringValue)
            #expect(ref.hasPrefix(cloud.cloud.baseURL + "/key-manager/v1/secrets/"))
            let id = String(ref.split(separator: "/").last ?? "")

            // Barbican's ownership: the admin project's readers read its certificates...
            _ = try await cloud.makeUser("reader", role: "reader", project: "admin", adminToken: admin)
            let reader = try await cloud.token(user: "reader", password: "pw-reader", project: "admin")
            let metadata = try await cloud.send(.get, "/key-manager/v1/secrets/\(id)", token: reader,
                                                headers: [.accept: "application/json"])
            #expect(metadata.status == .ok)
            #expect(metadata.json?["secret_type"] == "certificate" && metadata.json?["name"] == "signer")
            #expect(metadata.json?["status"] == "ACTIVE" && metadata.json?["secret_ref"] == .string(ref))
            #expect(metadata.json?["content_types"]?["default"] == "text/plain")

            let payload = try await cloud.sendRaw(.get, "/key-manager/v1/secrets/\(id)/payload", token: reader,
                                                  headers: [.accept: "text/plain"])
            #expect(payload.status == .ok && payload.text == signer.certificatePEM)
            let wrongType = try await cloud.sendRaw(.get, "/key-manager/v1/secrets/\(id)/payload", token: reader,
                                                    headers: [.accept: "application/octet-stream"])
            #expect(wrongType.status == .notAcceptable)

            let list = try await cloud.send(.get, "/key-manager/v1/secrets?limit=10", token: reader)
            #expect(list.json?["total"] == 1 && list.json?["secrets"]?.arrayValue?.count == 1)

            // ...another project's readers and members neither list nor read them (report 7).
            _ = try await cloud.makeUser("outsider", role: "member", project: "demo", adminToken: admin)
            let outsider = try await cloud.token(user: "outsider", password: "pw-outsider", project: "demo")
            let hidden = try await cloud.send(.get, "/key-manager/v1/secrets?limit=10", token: outsider)
            #expect(hidden.status == .ok && hidden.json?["total"] == 0)
            let denied = try await cloud.send(.get, "/key-manager/v1/secrets/\(id)", token: outsider,
                                              headers: [.accept: "application/json"])
            #expect(denied.status == .forbidden)
            #expect(try await cloud.sendRaw(.get, "/key-manager/v1/secrets/\(id)/payload", token: outsider,
                                            headers: [.accept: "text/plain"]).status == .forbidden)

            // A reader (and a member) may not add trust.
            let refused = try await Self.store(cloud, reader, pem: try TestSigner().certificatePEM)
            #expect(refused.status == .forbidden)
            #expect(refused.json?["code"] == 403 && refused.json?["title"] == "Forbidden")
            #expect(refused.json?["description"]?.stringValue?.contains("Secret creation attempt not allowed") == true)
            #expect(try await cloud.send(.delete, "/key-manager/v1/secrets/\(id)", token: reader).status == .forbidden)

            #expect(try await cloud.send(.delete, "/key-manager/v1/secrets/\(id)", token: admin).status == .noContent)
            let gone = try await cloud.send(.get, "/key-manager/v1/secrets/\(id)", token: admin)
            #expect(gone.status == .notFound && gone.json?["description"] == "Secret not found.")
        }
    }

    @Test func derPayloadsAsOctetStreamsAreKeptAsSent() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let pem = try TestSigner().certificatePEM
            let der = try #require(Data(base64Encoded: pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()))
            let stored = try await cloud.send(.post, "/key-manager/v1/secrets/", token: admin, json: [
                "name": "der", "secret_type": "certificate", "payload": .string(der.base64EncodedString()),
                "payload_content_type": "application/octet-stream", "payload_content_encoding": "base64",
            ])
            #expect(stored.status == .created)
            let id = String(stored.json?["secret_ref"]?.stringValue?.split(separator: "/").last ?? "")
            let payload = try await cloud.sendRaw(.get, "/key-manager/v1/secrets/\(id)/payload", token: admin,
                                                  headers: [.accept: "application/octet-stream"])
            #expect(payload.body == [UInt8](der))
        }
    }

    @Test func whatIsNotACurrentCertificateIsRefusedAndNothingStored() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let expired = try TestSigner(
                notValidBefore: Date().addingTimeInterval(-7200), notValidAfter: Date().addingTimeInterval(-3600))
            let cases: [(JSONValue, HTTPResponse.Status, String)] = [
                (["secret_type": "symmetric", "payload": "c2VjcmV0", "payload_content_type": "application/octet-stream",
                  "payload_content_encoding": "base64"], .badRequest, "certificates only"),
                (["secret_type": "certificate", "payload": "not a certificate", "payload_content_type": "text/plain"],
                 .badRequest, "not an X.509 certificate"),
                (["secret_type": "certificate", "payload": .string(expired.certificatePEM), "payload_content_type": "text/plain"],
                 .badRequest, "expired"),
                (["secret_type": "certificate", "payload": "x"], .badRequest, "payload_content_type"),
                (["secret_type": "certificate", "payload": "x", "payload_content_type": "application/json"],
                 .unsupportedMediaType, "not supported"),
                (["secret_type": "certificate", "payload": "%%%", "payload_content_type": "application/octet-stream",
                  "payload_content_encoding": "base64"], .badRequest, "decoding"),
            ]
            for (body, status, words) in cases {
                let reply = try await cloud.send(.post, "/key-manager/v1/secrets", token: admin, json: body)
                #expect(reply.status == status, "\(body)")
                #expect(reply.json?["description"]?.stringValue?.contains(words) == true,
                        "\(String(describing: reply.json))")
            }
            #expect(try await cloud.send(.get, "/key-manager/v1/secrets", token: admin).json?["total"] == 0)
        }
    }

    static func store(_ cloud: TestCloud, _ token: String, pem: String, name: String = "cert") async throws -> Reply {
        try await cloud.send(.post, "/key-manager/v1/secrets/", token: token, json: [
            "name": .string(name), "secret_type": "certificate", "payload": .string(pem),
            "payload_content_type": "text/plain",
        ])
    }

    /// Stores a certificate as the admin and returns its id.
    static func storedID(_ cloud: TestCloud, _ admin: String, _ signer: TestSigner) async throws -> String {
        let reply = try await store(cloud, admin, pem: signer.certificatePEM)
        try #require(reply.status == .created, "\(String(describing: reply.json))")
        return String(try #require(reply.json?["secret_ref"]?.stringValue?.split(separator: "/").last))
    }
}
