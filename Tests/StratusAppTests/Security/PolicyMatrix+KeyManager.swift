import Foundation
import HTTPTypes
import StratusOpenStack
import Testing

/// Key manager (Barbican's subset: certificates). Only cloud administrators store
/// certificates, so every certificate belongs to the admin project (or to the system):
/// here the own column is the admin project's admin on its own certificate, and the
/// other column is every other persona reading the admin project's certificate.
@Suite("Policy matrix: key manager", .serialized)
struct KeyManagerPolicyMatrix {
    static let cloud = MatrixCloud(rows: rows.count)

    @Test(arguments: rows)
    func cell(_ row: Row) async throws { try await Self.cloud.run(row) }

    /// A certificate stored by the cloud admin; a fresh one per cell that may delete it.
    @Sendable static func certificate(_ world: MatrixWorld, _ project: Proj, _ fresh: Bool) async throws -> Target {
        let stored = try await world.must(world.admin, .post, "/key-manager/v1/secrets/", json: [
            "name": "matrix", "secret_type": "certificate", "payload": .string(try TestSigner().certificatePEM),
            "payload_content_type": "text/plain",
        ])
        let id = String(try #require(stored.json?["secret_ref"]?.stringValue?.split(separator: "/").last))
        return Target(project: .admin, ids: ["secret": id])
    }

    @Sendable static func probe(_ world: MatrixWorld, _ target: Target) async throws -> JSONValue? {
        let list = try await world.read("/key-manager/v1/secrets?limit=100", compute: nil)
        return .array((list?["secrets"]?.arrayValue ?? []).compactMap { $0["secret_ref"] })
    }

    //                            reader member alpha  admin  system service
    static let rows: [Row] = [
        Row("secrets:post", "POST /secrets",
            "--     --     --     ok     ok     --   | 403    403    403    --     --     403",
            probe: probe
        ) { world, persona, _ in
            try await world.status(persona, .post, "/key-manager/v1/secrets/", json: [
                "name": "matrix", "secret_type": "certificate", "payload": .string(try TestSigner().certificatePEM),
                "payload_content_type": "text/plain",
            ])
        },
        Row("secrets:get", "GET /secrets (200 and the admin project's certificate listed; 404 = not listed)",
            "--     --     --     ok     --     --   | 404    404    404    --     ok     403",
            target: certificate
        ) { world, persona, target in
            let reply = try await world.send(world.tokens[persona]!, .get, "/key-manager/v1/secrets?limit=100")
            guard reply.status == .ok else { return Int(reply.status.code) }
            let refs = reply.json?["secrets"]?.arrayValue?.compactMap { $0["secret_ref"]?.stringValue } ?? []
            return refs.contains { $0.hasSuffix(target["secret"]) } ? 200 : 404
        },
        Row("secret:get", "GET /secrets/{id}",
            "--     --     --     ok     --     --   | 403    403    403    --     ok     403",
            target: certificate
        ) { world, persona, target in
            try await world.status(persona, .get, "/key-manager/v1/secrets/\(target["secret"])")
        },
        Row("secret:decrypt", "GET /secrets/{id}/payload",
            "--     --     --     ok     --     --   | 403    403    403    --     ok     403",
            target: certificate
        ) { world, persona, target in
            Int(try await world.cloud.sendRaw(.get, "/key-manager/v1/secrets/\(target["secret"])/payload",
                                              token: world.tokens[persona]!, headers: [.accept: "text/plain"]).status.code)
        },
        Row("secret:delete", "DELETE /secrets/{id}",
            "--     --     --     ok     --     --   | 403    403    403    --     ok     403",
            fresh: .always, target: certificate, probe: probe
        ) { world, persona, target in
            try await world.status(persona, .delete, "/key-manager/v1/secrets/\(target["secret"])")
        },
    ]
}
