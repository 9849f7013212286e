import Foundation

/// `os-migrateLive`: the API's part. The destination is chosen and claimed in
/// the same transaction that starts the task, with the constraints the server
/// was placed under (zone, trust, entropy, group) and a transport both hosts
/// share; the hosts' agents then move the guest phase by phase
/// (`LiveMigration`, `ComputeService+LiveMigrationReports`).
extension ComputeService {
    /// Nova's `block_migration`: Stratus hosts share no storage, so the disks
    /// always travel with the guest; a request for a shared-storage migration
    /// (`false`) cannot be honoured and is refused, as Nova refuses it there.
    public enum BlockMigration: Sendable, Equatable {
        case auto, yes, no
    }

    public func liveMigrateServer(
        _ caller: Caller, id: String, host: String?, blockMigration: BlockMigration = .auto
    ) async throws {
        let instance = try await visibleInstance(caller, id: id)
        try requireMigrationEnabled()
        try authorize(.liveMigrateServer, caller, target: ["project_id": instance.projectID])
        if host != nil { try authorize(.liveMigrateServerToHost, caller, target: ["project_id": instance.projectID]) }
        try requireUnlocked(instance, caller)
        try requireState(.liveMigrate, instance)
        guard let sourceID = instance.hostID else {
            throw ComputeError.conflict("Instance \(id) is not on a host yet")
        }
        if blockMigration == .no {
            throw ComputeError.badRequest(
                "\(instance.hostName ?? sourceID) is not on shared storage: Shared storage live-migration requires either shared storage or boot-from-volume with no local disks.")
        }
        let hosts = try await store.computeHosts()
        guard let source = hosts.first(where: { $0.id == sourceID }) else {
            throw ComputeError.conflict("Instance \(id)'s host \(sourceID) is not registered")
        }
        if let host {
            guard let target = hosts.first(where: { $0.name.lowercased() == host.lowercased() }) else {
                throw ComputeError.badRequest("Compute host \(host) could not be found.")
            }
            if target.id == sourceID {
                throw ComputeError.badRequest("Unable to migrate instance (\(id)) to current host (\(target.name)).")
            }
            if let why = Self.migrationIncompatibility(source, target) {
                throw ComputeError.badRequest("Migration pre-check error: \(why)")
            }
        }
        // The source and every host that cannot talk to it are out of the running.
        let excluded = Set(hosts.filter { $0.id == sourceID || Self.migrationIncompatibility(source, $0) != nil }.map(\.id))
        let request = try await schedulingRequest(for: instance, requestedHost: host)
        let now = clock.now()
        var snapshot: [ComputeHost]? = hosts  // read above; a lost race reads them again
        do {
            _ = try await place(
                request, instanceID: PendingMigration.claimID(id), scheduler: Scheduler(configuration: settings.scheduler),
                excludingHosts: excluded, snapshot: &snapshot
            ) { claim in
                let target = hosts.first { $0.id == claim.hostID }
                var next = instance
                next.state.taskState = .migrating
                next.taskRequestID = caller.requestID
                next.updatedAt = now
                next.liveMigration = LiveMigration(
                    sourceHostID: sourceID, sourceHostName: source.name, targetHostID: claim.hostID,
                    targetHostName: target?.name ?? claim.hostID,
                    tls: source.traits.liveMigration?.transport == .tls, startedAt: now)
                // Like Nova's, the record belongs to whoever asked for the move (2.80's owner fields).
                let record = ServerMigration(
                    instanceID: id, projectID: caller.auth.project?.id ?? instance.projectID, userID: caller.auth.user.id,
                    kind: .liveMigration,
                    status: .preparing, sourceCompute: source.name, destinationCompute: target?.name ?? claim.hostID,
                    destinationHost: target?.traits.liveMigration?.address, oldFlavorID: instance.flavor.id,
                    newFlavorID: instance.flavor.id, createdAt: now)
                return [.insertMigration(record)] + recordedChanges(
                    next, action: Self.actionName(.liveMigrate), caller: caller, policyAction: .liveMigrateServer,
                    events: [InstanceActionEvent(event: ServerEvents.hostEvent(for: .migrating), startTime: now)])
            }
        } catch is NoValidHost {
            throw ComputeError.badRequest("No valid host was found. No valid host found for live migration of \(id)")
        } catch StoreError.versionConflict {
            throw Self.concurrentUpdate(id)
        }
        if let target = try await store.instance(id: id)?.liveMigration?.targetHostID { wakeups.host(target).ring() }
    }

    /// Migrations of either kind are refused outright where the operator disabled them.
    func requireMigrationEnabled() throws {
        if settings.migration == .disabled {
            throw ComputeError.forbidden("Migration is disabled in this cloud.")
        }
    }

    static func migrationIncompatibility(_ source: ComputeHost, _ target: ComputeHost) -> String? {
        MigrationEndpoint.incompatibility(
            from: source.traits.liveMigration, to: target.traits.liveMigration,
            sourceName: source.name, targetName: target.name)
    }

    /// What a move of `instance` must respect: the constraints of its first
    /// placement, read from the same places (flavor, image, group). A move stays
    /// in the zone the server is in.
    func schedulingRequest(for instance: Instance, requestedHost: String?) async throws -> SchedulingRequest {
        let image = try? await images.bootImage(id: instance.imageID)
        var placement: ServerGroupPlacement?
        if let group = try await store.serverGroup(memberID: instance.id) {
            // The instance's own current host is not a neighbour to keep away from.
            var members = try await store.serverGroupMemberHosts(groupID: group.id)
            if let own = instance.hostID, let index = members.firstIndex(of: own) { members.remove(at: index) }
            placement = ServerGroupPlacement(
                policy: group.policy, memberHostIDs: members, maxServerPerHost: group.maxServerPerHost ?? 1)
        }
        return SchedulingRequest(
            placing: instance, imageProperties: image?.extraProperties ?? [:], availabilityZone: instance.availabilityZone,
            requestedHost: requestedHost, serverGroup: placement)
    }
}
