import Foundation
import Hummingbird
import StratusCore

extension ComputeFront {
    /// `/os-keypairs[/{name}]`: 2.2 adds `type` (and 201/204 for create and
    /// delete), 2.10 `user_id` for administrators, 2.35 paging.
    func addKeypairRoutes(_ group: RouterGroup<Context>) {
        group.get("os-keypairs") { request, context in
            let version = context.computeVersion
            try StrictQuery.check(request, version, allowed: StrictQuery.keypairList)
            let paged = version >= Microversion(2, 35)
            let keypairs = try await compute.listKeypairs(
                try context.caller(), userID: Self.keypairOwner(request, version),
                limit: paged ? min(try Self.nonNegative(request.query("limit"), "limit") ?? 1000, 1000) : nil,
                marker: paged ? request.query("marker") : nil)
            var body: [String: JSONValue] = [
                "keypairs": .array(keypairs.map { ["keypair": render.keypairSummary($0, version: version)] }),
            ]
            if paged, let links = render.nextLinks(request, path: "os-keypairs", count: keypairs.count, lastID: keypairs.last?.name) {
                body["keypairs_links"] = links
            }
            return try Response.json(.object(body))
        }
        group.post("os-keypairs") { request, context in
            let version = context.computeVersion
            let body = try JSONObjectReader(wrapped: try await request.jsonBody(limit: context.maxUploadSize), key: "keypair")
            var allowed: Set<String> = ["name", "public_key"]
            if version >= Microversion(2, 2) { allowed.insert("type") }
            if version >= Microversion(2, 10) { allowed.insert("user_id") }
            try ServerRequestDecoder.rejectUnknown(body, allowed: allowed, field: "keypair")
            var type = KeypairType.ssh
            if let text = try body.string("type") {
                guard let parsed = KeypairType(rawValue: text) else {
                    throw APIError.badRequest("Invalid input for field/attribute type. Value: \(text). '\(text)' is not one of ['ssh', 'x509']")
                }
                type = parsed
            }
            let draft = KeypairDraft(
                name: try body.requiredString("name"), publicKey: try body.string("public_key"), type: type,
                userID: try body.string("user_id"))
            let (keypair, privateKey) = try await compute.createKeypair(try context.caller(), draft)
            guard case .object(var fields) = render.keypairSummary(keypair, version: version) else { return Response.empty(.ok) }
            fields["user_id"] = .string(keypair.userID)
            if let privateKey { fields["private_key"] = .string(privateKey) }
            return try Response.json(["keypair": .object(fields)], status: version >= Microversion(2, 2) ? .created : .ok)
        }
        group.get("os-keypairs/:name") { request, context in
            try StrictQuery.check(request, context.computeVersion, allowed: StrictQuery.keypairOne)
            let keypair = try await compute.getKeypair(
                try context.caller(), name: try context.parameter("name"),
                userID: Self.keypairOwner(request, context.computeVersion))
            return try Response.json(["keypair": render.keypair(keypair, version: context.computeVersion)])
        }
        group.delete("os-keypairs/:name") { request, context in
            try StrictQuery.check(request, context.computeVersion, allowed: StrictQuery.keypairOne)
            try await compute.deleteKeypair(
                try context.caller(), name: try context.parameter("name"),
                userID: Self.keypairOwner(request, context.computeVersion))
            return Response.empty(context.computeVersion >= Microversion(2, 2) ? .noContent : .accepted)
        }
    }

    /// 2.10: `?user_id=` names whose key pairs (policy decides who may).
    static func keypairOwner(_ request: Request, _ version: Microversion) -> String? {
        version >= Microversion(2, 10) ? request.uri.queryParameters.getAll("user_id").first : nil
    }
}

extension ComputeRenderer {
    func keypairSummary(_ keypair: Keypair, version: Microversion) -> JSONValue {
        var fields: [String: JSONValue] = [
            "name": .string(keypair.name), "public_key": .string(keypair.publicKey),
            "fingerprint": .string(keypair.fingerprint),
        ]
        if version >= Microversion(2, 2) { fields["type"] = .string(keypair.type.rawValue) }
        return .object(fields)
    }

    func keypair(_ keypair: Keypair, version: Microversion) -> JSONValue {
        guard case .object(var fields) = keypairSummary(keypair, version: version) else { return [:] }
        fields.merge([
            "user_id": .string(keypair.userID), "id": .int(keypair.number),
            "created_at": .string(Self.novaTimestamp(keypair.createdAt)), "updated_at": nil,
            "deleted": false, "deleted_at": nil,
        ]) { _, new in new }
        return .object(fields)
    }
}
