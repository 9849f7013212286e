import Foundation

extension NetworkService {
    public func networks(_ caller: Caller) async throws -> [Network] {
        try authorize(.getNetwork, caller, projectID: nil)
        return try await store.networks().filter { $0.isVisible(to: caller.auth) }
    }

    /// The networks a project's servers may attach to: its own and shared ones,
    /// never external (Nova's choice for `auto`, and `os-tenant-networks`).
    public func usableNetworks(_ caller: Caller) async throws -> [Network] {
        try authorize(.getNetwork, caller, projectID: nil)
        return try await usableNetworks(projectID: caller.auth.project?.id ?? "")
    }

    func usableNetworks(projectID: String) async throws -> [Network] {
        try await store.networks().filter { !$0.external && ($0.shared || $0.projectID == projectID) }
    }

    public func network(_ caller: Caller, id: String) async throws -> Network {
        try authorize(.getNetwork, caller, projectID: nil)
        return try await visibleNetwork(caller, id: id)
    }

    public func createNetwork(_ caller: Caller, _ draft: NetworkDraft) async throws -> Network {
        let projectID = try owningProject(caller, requested: draft.projectID)
        try authorize(.createNetwork, caller, projectID: projectID)
        if draft.shared { try authorize(.createSharedNetwork, caller, projectID: projectID) }
        if draft.external { try authorize(.createExternalNetwork, caller, projectID: projectID) }
        try Self.requireName(draft.name)
        if let mtu = draft.mtu, !(68...9000).contains(mtu) {
            throw NetworkError.invalidInput("Invalid input for mtu. Reason: '\(mtu)' is not in range 68 through 9000")
        }
        let network = Network(
            id: ids.newUUID(), name: draft.name, projectID: projectID, description: draft.description,
            adminStateUp: draft.adminStateUp, shared: draft.shared, external: draft.external, mtu: draft.mtu ?? 1500,
            createdAt: clock.now())
        try await commitCounted([
            quotaCheck("network", projectID: projectID), .insertNetwork(network),
            audit(caller, .createNetwork, "network", network.id),
        ])
        return network
    }

    public func updateNetwork(_ caller: Caller, id: String, _ patch: NetworkPatch) async throws -> Network {
        try await retryingConflicts {
            let network = try await visibleNetwork(caller, id: id)
            try authorize(.updateNetwork, caller, projectID: network.projectID)
            if patch.shared != nil && patch.shared != network.shared {
                try authorize(.createSharedNetwork, caller, projectID: network.projectID)
            }
            if patch.external != nil && patch.external != network.external {
                try authorize(.createExternalNetwork, caller, projectID: network.projectID)
            }
            var next = network
            if let name = patch.name { try Self.requireName(name); next.name = name }
            if let description = patch.description { next.description = description }
            if let up = patch.adminStateUp { next.adminStateUp = up }
            if let shared = patch.shared { next.shared = shared }
            if let external = patch.external { next.external = external }
            next.revision += 1
            next.updatedAt = clock.now()
            try await store.commit([.updateNetwork(next), audit(caller, .updateNetwork, "network", id)])
            return next
        }
    }

    /// Refused while ports remain: Neutron's NetworkInUse. Its subnets go with it.
    public func deleteNetwork(_ caller: Caller, id: String) async throws {
        let network = try await visibleNetwork(caller, id: id)
        try authorize(.deleteNetwork, caller, projectID: network.projectID)
        if !(try await store.ports(projectID: nil, networkID: id, deviceID: nil)).isEmpty {
            throw NetworkError(.conflict, "NetworkInUse",
                               "Unable to complete operation on network \(id). There are one or more ports still in use on the network.")
        }
        try await commitDelete(
            .deleteNetwork(id: id), .deleteNetwork, "network", id: id, caller: caller, notFound: .networkNotFound(id))
    }

    func visibleNetwork(_ caller: Caller, id: String) async throws -> Network {
        guard let network = try await store.network(id: id), network.isVisible(to: caller.auth) else {
            throw NetworkError.networkNotFound(id)
        }
        return network
    }
}
