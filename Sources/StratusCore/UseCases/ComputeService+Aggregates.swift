import Foundation

/// Nova's os-aggregates: administrators group hosts and give the group metadata
/// (read by the scheduler through every host in it) and, optionally, an
/// availability zone. A host is in at most one zone: joining an aggregate whose
/// zone differs from one it is already in is refused, as Nova refuses it.
extension ComputeService {
    public func listAggregates(_ caller: Caller) async throws -> [HostAggregate] {
        try authorize(.listAggregates, caller)
        return try await store.aggregates()
    }

    public func aggregate(_ caller: Caller, id: Int) async throws -> HostAggregate {
        try authorize(.showAggregate, caller)
        return try await existingAggregate(id)
    }

    public func createAggregate(_ caller: Caller, name: String, zone: String?) async throws -> HostAggregate {
        try authorize(.createAggregate, caller)
        let now = clock.now()
        var aggregate = HostAggregate(uuid: ids.newUUID(), name: name.trimmingCharacters(in: .whitespaces), createdAt: now)
        if let zone = zone?.trimmingCharacters(in: .whitespaces), !zone.isEmpty {
            aggregate.metadata[HostAggregate.zoneKey] = zone
        }
        try await committing(aggregate, caller, .createAggregate, [.insertAggregate(aggregate)])
        return try await storedAggregate(uuid: aggregate.uuid)
    }

    /// A new name and/or zone (a zone its hosts could not all be in is refused).
    public func updateAggregate(_ caller: Caller, id: Int, name: String?, zone: String??) async throws -> HostAggregate {
        try authorize(.updateAggregate, caller)
        let all = try await store.aggregates()
        var aggregate = try existingAggregate(id, among: all)
        if let name { aggregate.name = name.trimmingCharacters(in: .whitespaces) }
        if let zone {
            if let zone, !zone.isEmpty {
                try requireOneZone(for: aggregate.hosts, joining: zone, of: aggregate, among: all,
                                   failure: { "Cannot update aggregate \(id). Reason: \($0)." })
            }
            aggregate.metadata[HostAggregate.zoneKey] = zone.flatMap { $0.isEmpty ? nil : $0 }
        }
        aggregate.updatedAt = clock.now()
        try await committing(aggregate, caller, .updateAggregate, [.updateAggregate(aggregate)])
        return try await existingAggregate(id)
    }

    /// Nova's `set_metadata`: each key set, or removed when its value is nil.
    public func setAggregateMetadata(_ caller: Caller, id: Int, _ metadata: [String: String?]) async throws -> HostAggregate {
        try authorize(.setAggregateMetadata, caller)
        let all = try await store.aggregates()
        var aggregate = try existingAggregate(id, among: all)
        if case .some(.some(let zone)) = metadata[HostAggregate.zoneKey] {
            try requireOneZone(for: aggregate.hosts, joining: zone, of: aggregate, among: all,
                               failure: { "Cannot update metadata of aggregate \(id). Reason: \($0)." })
        }
        for (key, value) in metadata { aggregate.metadata[key] = value }
        aggregate.updatedAt = clock.now()
        try await committing(aggregate, caller, .setAggregateMetadata, [.updateAggregate(aggregate)])
        return try await existingAggregate(id)
    }

    public func deleteAggregate(_ caller: Caller, id: Int) async throws {
        try authorize(.deleteAggregate, caller)
        let aggregate = try await existingAggregate(id)
        guard aggregate.hosts.isEmpty else {
            throw ComputeError.badRequest("Cannot delete aggregate \(id). Reason: Host aggregate is not empty.")
        }
        try await committing(aggregate, caller, .deleteAggregate, [.deleteAggregate(uuid: aggregate.uuid)])
    }

    public func addAggregateHost(_ caller: Caller, id: Int, host: String) async throws -> HostAggregate {
        try authorize(.addAggregateHost, caller)
        let all = try await store.aggregates()
        let aggregate = try existingAggregate(id, among: all)
        guard try await store.registeredHosts().contains(where: { $0.host.name == host }) else {
            throw ComputeError.notFound("Compute host \(host) could not be found.")
        }
        let exists = ComputeError.conflict("Aggregate \(id) already has host \(host).")
        guard !aggregate.hosts.contains(host) else { throw exists }
        if let zone = aggregate.availabilityZone {
            try requireOneZone(for: [host], joining: zone, of: aggregate, among: all, conflict: true,
                               failure: { "Cannot add host to aggregate \(id). Reason: \($0)." })
        }
        do {
            try await committing(aggregate, caller, .addAggregateHost, [.addAggregateHost(uuid: aggregate.uuid, host: host)])
        } catch StoreError.duplicate {
            throw exists
        }
        return try await existingAggregate(id)
    }

    public func removeAggregateHost(_ caller: Caller, id: Int, host: String) async throws -> HostAggregate {
        try authorize(.removeAggregateHost, caller)
        let notFound = ComputeError.notFound("Cannot remove host \(host) in aggregate \(id)")
        guard let aggregate = try await store.aggregates().first(where: { $0.id == id }), aggregate.hosts.contains(host)
        else { throw notFound }
        do {
            try await committing(aggregate, caller, .removeAggregateHost, [.removeAggregateHost(uuid: aggregate.uuid, host: host)])
        } catch StoreError.versionConflict {
            throw notFound
        }
        return try await existingAggregate(id)
    }

    // MARK: - Helpers

    private func existingAggregate(_ id: Int) async throws -> HostAggregate {
        try await existingAggregate(id, among: store.aggregates())
    }

    private func existingAggregate(_ id: Int, among all: [HostAggregate]) throws -> HostAggregate {
        guard let aggregate = all.first(where: { $0.id == id }) else {
            throw ComputeError.notFound("Aggregate \(id) could not be found.")
        }
        return aggregate
    }

    private func storedAggregate(uuid: String) async throws -> HostAggregate {
        guard let aggregate = try await store.aggregates().first(where: { $0.uuid == uuid }) else {
            throw ComputeError.notFound("Aggregate \(uuid) could not be found.")
        }
        return aggregate
    }

    /// Refuses `zone` for hosts that another aggregate already puts in a different zone.
    private func requireOneZone(
        for hosts: [String], joining zone: String, of aggregate: HostAggregate, among all: [HostAggregate],
        conflict: Bool = false, failure: (String) -> String
    ) throws {
        let others = all.filter { $0.id != aggregate.id && !Set($0.hosts).isDisjoint(with: hosts) }
        let zones = Set(others.compactMap(\.availabilityZone)).subtracting([zone])
        guard zones.isEmpty else {
            let message = failure("One or more hosts already in availability zone(s) \(ServerTags.pythonList(zones.sorted()))")
            throw conflict ? ComputeError.conflict(message) : ComputeError.badRequest(message)
        }
    }

    /// Commits with the audit record; a name another aggregate has is Nova's 409.
    private func committing(
        _ aggregate: HostAggregate, _ caller: Caller, _ action: ComputePolicy.Action, _ changes: [StoreChange]
    ) async throws {
        do {
            try await store.commit(changes + [audit(caller, action.rawValue, "aggregate", aggregate.uuid)])
        } catch StoreError.duplicate where action == .createAggregate || action == .updateAggregate {
            throw ComputeError.conflict("Aggregate \(aggregate.name) already exists.")
        }
    }
}
