import Foundation
import Hummingbird
import StratusCore

extension ComputeFront {
    /// `/os-keypairs[/{name}]`, the caller's own key pairs.
    func addKeypairRoutes(_ group: RouterGroup<Context>) {
        group.get("os-keypairs") { _, context in
            let keypairs = try await compute.listKeypairs(try context.caller())
            return try Response.json(["keypairs": .array(keypairs.map { ["keypair": render.keypairSummary($0)] })])
        }
        group.post("os-keypairs") { request, context in
            let body = try JSONObjectReader(try await request.jsonBody(limit: context.maxUploadSize)["keypair"], field: "keypair")
            let draft = KeypairDraft(name: try body.requiredString("name"), publicKey: try body.string("public_key"))
            let (keypair, privateKey) = try await compute.createKeypair(try context.caller(), draft)
            guard case .object(var fields) = render.keypairSummary(keypair) else { return Response.empty(.ok) }
            fields["user_id"] = .string(keypair.userID)
            if let privateKey { fields["private_key"] = .string(privateKey) }
            return try Response.json(["keypair": .object(fields)])
        }
        group.get("os-keypairs/:name") { _, context in
            let keypair = try await compute.getKeypair(try context.caller(), name: try context.parameter("name"))
            return try Response.json(["keypair": render.keypair(keypair)])
        }
        group.delete("os-keypairs/:name") { _, context in
            try await compute.deleteKeypair(try context.caller(), name: try context.parameter("name"))
            return Response.empty(.accepted)
        }
    }
}

extension ComputeRenderer {
    func keypairSummary(_ keypair: Keypair) -> JSONValue {
        ["name": .string(keypair.name), "public_key": .string(keypair.publicKey), "fingerprint": .string(keypair.fingerprint)]
    }

    func keypair(_ keypair: Keypair) -> JSONValue {
        guard case .object(var fields) = keypairSummary(keypair) else { return [:] }
        fields.merge([
            "user_id": .string(keypair.userID), "id": .int(keypair.number),
            "created_at": .string(Self.novaTimestamp(keypair.createdAt)), "updated_at": nil,
            "deleted": false, "deleted_at": nil,
        ]) { _, new in new }
        return .object(fields)
    }
}
