import Foundation

extension ComputeService {
    /// The key pair and, when it was generated here, its private key (shown once).
    /// `draft.userID` (2.10) makes it for another user, which policy leaves to
    /// administrators.
    public func createKeypair(_ caller: Caller, _ draft: KeypairDraft) async throws -> (Keypair, privateKey: String?) {
        let userID = draft.userID ?? caller.auth.user.id
        try authorize(.createKeypair, caller, target: ["user_id": userID])
        let name = try Self.validKeypairName(draft.name)
        if try await store.keypair(userID: userID, name: name) != nil {
            throw ComputeError.conflict("Key pair '\(name)' already exists.")
        }
        let (publicKey, fingerprint, privateKey) = try Self.keyMaterial(draft, userID: userID, now: clock.now())
        let keypair = Keypair(
            userID: userID, name: name, publicKey: publicKey, fingerprint: fingerprint, createdAt: clock.now(),
            type: draft.type)
        let projectID = caller.auth.project?.id ?? ""
        let limit = try await quotaLimits(projectID: projectID).keyPairs
        do {
            try await store.commit([
                .requireKeypairQuota(userID: userID, limit: limit), .insertKeypair(keypair),
                audit(caller, ComputePolicy.Action.createKeypair.rawValue, "keypair", name),
            ])
        } catch StoreError.duplicate {
            throw ComputeError.conflict("Key pair '\(name)' already exists.")
        } catch StoreError.quotaExceeded(let exceeded) {
            throw ComputeError.forbidden(exceeded.message)
        } catch StoreError.missingReference {
            // Key pairs belong to users this cloud knows (the row cascades with the user).
            throw ComputeError.badRequest("User \(userID) could not be found.")
        }
        return (keypair, privateKey)
    }

    /// Imported (`public_key` given) or generated, of the draft's type: the
    /// stored public half, its fingerprint and a generated private half.
    static func keyMaterial(
        _ draft: KeypairDraft, userID: String, now: Date
    ) throws -> (publicKey: String, fingerprint: String, privateKey: String?) {
        switch (draft.type, draft.publicKey) {
        case (.ssh, let imported?):
            guard let parsed = SSHPublicKey(line: imported) else {
                throw ComputeError.badRequest("Keypair data is invalid: failed to generate fingerprint")
            }
            // Kept exactly as sent, as Nova stores it: clients (Ansible's keypair module)
            // compare the stored key with their file, trailing newline and all.
            return (imported, parsed.fingerprint, nil)
        case (.ssh, nil):
            let generated = try GeneratedKeypair.make()
            return (generated.publicKey.line(comment: "Generated-by-Stratus"), generated.publicKey.fingerprint,
                    generated.privateKeyPEM)
        case (.x509, let imported?):
            return (imported, try X509Keypair.fingerprint(pem: imported), nil)
        case (.x509, nil):
            let generated = try X509Keypair.generate(userID: userID, now: now)
            return (generated.certificatePEM, generated.fingerprint, generated.privateKey)
        }
    }

    /// A user's key pairs by name; from 2.35 a page after `marker` (a name).
    public func listKeypairs(
        _ caller: Caller, userID: String? = nil, limit: Int? = nil, marker: String? = nil
    ) async throws -> [Keypair] {
        let owner = userID ?? caller.auth.user.id
        try authorize(.listKeypairs, caller, target: ["user_id": owner])
        var keypairs = try await store.keypairs(userID: owner)
        if let marker {
            guard let index = keypairs.firstIndex(where: { $0.name == marker }) else {
                throw ComputeError.badRequest("Marker \(marker) could not be found.")
            }
            keypairs = Array(keypairs[(index + 1)...])
        }
        if let limit { keypairs = Array(keypairs.prefix(limit)) }
        return keypairs
    }

    public func getKeypair(_ caller: Caller, name: String, userID: String? = nil) async throws -> Keypair {
        let owner = userID ?? caller.auth.user.id
        try authorize(.showKeypair, caller, target: ["user_id": owner])
        return try await existingKeypair(owner, name)
    }

    public func deleteKeypair(_ caller: Caller, name: String, userID: String? = nil) async throws {
        let owner = userID ?? caller.auth.user.id
        try authorize(.deleteKeypair, caller, target: ["user_id": owner])
        _ = try await existingKeypair(owner, name)
        try await store.commit([
            .deleteKeypair(userID: owner, name: name),
            audit(caller, ComputePolicy.Action.deleteKeypair.rawValue, "keypair", name),
        ])
    }

    private func existingKeypair(_ userID: String, _ name: String) async throws -> Keypair {
        guard let keypair = try await store.keypair(userID: userID, name: name) else {
            throw ComputeError.notFound("Keypair \(name) not found for user \(userID)")
        }
        return keypair
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
