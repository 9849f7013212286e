import Foundation

extension ComputeService {
    /// The key pair and, when it was generated here, its private key (shown once).
    public func createKeypair(_ caller: Caller, _ draft: KeypairDraft) async throws -> (Keypair, privateKey: String?) {
        try authorize(.createKeypair, caller)
        let name = try Self.validKeypairName(draft.name)
        let userID = caller.auth.user.id
        if try await store.keypair(userID: userID, name: name) != nil {
            throw ComputeError.conflict("Key pair '\(name)' already exists.")
        }
        let publicKey: SSHPublicKey
        var privateKey: String?
        var line: String
        if let imported = draft.publicKey {
            guard let parsed = SSHPublicKey(line: imported) else {
                throw ComputeError.badRequest("Keypair data is invalid: failed to generate fingerprint")
            }
            publicKey = parsed
            line = imported.trimmingCharacters(in: .whitespacesAndNewlines)
        } else {
            let generated = GeneratedKeypair.make(comment: "Generated-by-Stratus")
            publicKey = generated.publicKey
            privateKey = generated.privateKeyPEM
            line = generated.publicKey.line(comment: "Generated-by-Stratus")
        }
        let keypair = Keypair(
            userID: userID, name: name, publicKey: line, fingerprint: publicKey.fingerprint, createdAt: clock.now())
        let projectID = caller.auth.project?.id ?? ""
        let limit = settings.defaultQuotas.overridden(by: try await store.quotaOverrides(projectID: projectID)).keyPairs
        do {
            try await store.commit([
                .requireKeypairQuota(userID: userID, limit: limit), .insertKeypair(keypair),
                audit(caller, ComputePolicy.Action.createKeypair.rawValue, "keypair", name),
            ])
        } catch StoreError.duplicate {
            throw ComputeError.conflict("Key pair '\(name)' already exists.")
        } catch StoreError.quotaExceeded {
            throw ComputeError.forbidden("Quota exceeded, too many key pairs.")
        }
        return (keypair, privateKey)
    }

    public func listKeypairs(_ caller: Caller) async throws -> [Keypair] {
        try authorize(.listKeypairs, caller)
        return try await store.keypairs(userID: caller.auth.user.id)
    }

    public func getKeypair(_ caller: Caller, name: String) async throws -> Keypair {
        try authorize(.showKeypair, caller)
        guard let keypair = try await store.keypair(userID: caller.auth.user.id, name: name) else {
            throw ComputeError.notFound("Keypair \(name) not found for user \(caller.auth.user.id)")
        }
        return keypair
    }

    public func deleteKeypair(_ caller: Caller, name: String) async throws {
        try authorize(.deleteKeypair, caller)
        _ = try await getKeypair(caller, name: name)
        try await store.commit([
            .deleteKeypair(userID: caller.auth.user.id, name: name),
            audit(caller, ComputePolicy.Action.deleteKeypair.rawValue, "keypair", name),
        ])
    }

    /// Nova's 2.1 rule: 1–255 characters of letters, digits, space, `_` and `-`.
    static func validKeypairName(_ name: String) throws -> String {
        guard !name.isEmpty, name.count <= 255,
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || " _-".contains($0)) }),
              name.trimmingCharacters(in: .whitespaces) == name
        else {
            throw ComputeError.badRequest("Invalid input for field/attribute name. Value: \(name). Keypair name contains unsafe characters")
        }
        return name
    }
}
