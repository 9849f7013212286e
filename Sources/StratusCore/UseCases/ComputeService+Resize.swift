import Foundation

/// Resize and cold migration share one path: the API records the pending move
/// (`PendingMigration`: source host, old flavor) and `resize_prep`; the
/// scheduler reconciler claims room on a destination (the instance's own claim
/// stays on the source) and moves the instance there; the destination's agent
/// starts the guest while the source's keeps the original powered off. Confirm
/// and revert are single transactions that hand one of the two claims back;
/// the copy nobody wants any more is then a stray its host destroys.
extension ComputeService {
    public func resizeServer(_ caller: Caller, id: String, flavorRef: String) async throws {
        let instance = try await visibleInstance(caller, id: id)
        try authorize(.resizeServer, caller, target: ["project_id": instance.projectID])
        try requireUnlocked(instance, caller)
        try requireState(.resize, instance)
        let flavor = try await bootFlavor(flavorRef, caller)
        guard flavor.id != instance.flavor.id else {
            throw ComputeError.badRequest("When resizing, instances must change flavor!")
        }
        if flavor.rootDiskGiB < instance.flavor.rootDiskGiB {
            throw ComputeError.badRequest("Resize error: Unable to resize disk down.")
        }
        let limits = try await quotaLimits(projectID: instance.projectID)
        let quota = InstanceQuotaCheck(
            projectID: instance.projectID, instances: 0, cores: max(0, flavor.vcpus - instance.flavor.vcpus),
            ramMiB: max(0, flavor.memoryMiB - instance.flavor.memoryMiB), limits: limits)
        try await beginMove(instance, to: flavor, action: .resize, caller: caller, policyAction: .resizeServer, quota: quota)
    }

    /// Cold migration (administrators): a move to another host at the same size,
    /// to `host` when one is named (2.56).
    public func migrateServer(_ caller: Caller, id: String, host: String? = nil) async throws {
        let instance = try await visibleInstance(caller, id: id)
        try requireMigrationEnabled()
        try authorize(.migrateServer, caller, target: ["project_id": instance.projectID])
        if host != nil { try authorize(.migrateServerToHost, caller, target: ["project_id": instance.projectID]) }
        try requireUnlocked(instance, caller)
        try requireState(.migrate, instance)
        if let host {
            guard try await store.computeHosts().contains(where: { $0.name.lowercased() == host.lowercased() }) else {
                throw ComputeError.badRequest("Compute host \(host) could not be found.")
            }
            if host.lowercased() == instance.hostName?.lowercased() {
                throw ComputeError.badRequest("Unable to migrate instance (\(id)) to current host (\(host)).")
            }
        }
        try await beginMove(
            instance, to: instance.flavor, action: .migrate, caller: caller, policyAction: .migrateServer, quota: nil,
            requestedHost: host)
    }

    public func confirmResize(_ caller: Caller, id: String) async throws {
        var instance = try await visibleInstance(caller, id: id)
        try authorize(.confirmResize, caller, target: ["project_id": instance.projectID])
        try requireUnlocked(instance, caller)
        try requireState(.confirmResize, instance)
        guard let migration = instance.migration else {
            throw ComputeError.badRequest("Instance \(id) has no pending resize to confirm.")
        }
        instance.state = InstanceStateMachine.completeConfirmResize(instance.state)
        instance.migration = nil
        try await commitRecorded(
            instance, action: "confirmResize", caller: caller, policyAction: .confirmResize,
            extra: [.releaseClaim(instanceID: id), .renameClaim(from: PendingMigration.claimID(id), to: id),
                    .updateCurrentMigration(instanceID: id, status: .confirmed, destination: nil, at: clock.now())])
        // The source's original is a leftover now: its host cleans it up at its next pass.
        wakeups.host(migration.sourceHostID).ring()
    }

    public func revertResize(_ caller: Caller, id: String) async throws {
        var instance = try await visibleInstance(caller, id: id)
        try authorize(.revertResize, caller, target: ["project_id": instance.projectID])
        try requireUnlocked(instance, caller)
        try requireState(.revertResize, instance)
        guard let migration = instance.migration else {
            throw ComputeError.badRequest("Instance \(id) has no pending resize to revert.")
        }
        instance.state.taskState = .resizeReverting
        instance.taskRequestID = caller.requestID
        instance.hostID = migration.sourceHostID
        instance.hostName = migration.sourceHostName
        instance.flavor = migration.oldFlavor
        instance.migration = nil
        try await commitRecorded(
            instance, action: "revertResize", caller: caller, policyAction: .revertResize,
            events: [InstanceActionEvent(event: ServerEvents.hostEvent(for: .resizeReverting), startTime: clock.now())],
            extra: [.releaseClaim(instanceID: PendingMigration.claimID(id)),
                    .updateCurrentMigration(instanceID: id, status: .reverted, destination: nil, at: clock.now())])
        wakeups.host(migration.sourceHostID).ring()
    }

    /// The source of a move serves the original's disk (or says it has none): the
    /// destination may now start the guest from it.
    public func diskExported(instanceID: String, hostID: String, uri: String?) async throws {
        try await retryingConflicts {
            guard var instance = try await store.instance(id: instanceID),
                  instance.migration?.sourceHostID == hostID, instance.migration?.sourceDisk == nil,
                  instance.state.taskState == .resizeMigrating
            else { return }
            instance.migration?.sourceDisk = uri.map { .exported(uri: $0) } ?? PendingMigration.SourceDisk.none
            instance.updatedAt = clock.now()
            try await store.commit([.updateInstance(instance)])
            if let destination = instance.hostID { wakeups.host(destination).ring() }
        }
    }

    /// The scheduler reconciler's part for moves: a destination for each
    /// instance in `resize_prep`. Returns how many it handled.
    @discardableResult
    public func scheduleMigrations(batch: Int = 256) async throws -> Int {
        let scheduler = Scheduler(configuration: settings.scheduler)
        var handled = 0
        for instance in try await store.instancesAwaitingMigration(limit: batch) {
            if try await scheduleMove(instance, scheduler: scheduler) { handled += 1 }
        }
        return handled
    }

    private func scheduleMove(_ instance: Instance, scheduler: Scheduler) async throws -> Bool {
        guard let migration = instance.migration else { return false }
        let hosts = try await store.computeHosts()
        let byID = Dictionary(hosts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let sameSize = migration.oldFlavor.id == instance.flavor.id
        let excluded: Set<String> = sameSize || !settings.allowResizeToSameHost ? [migration.sourceHostID] : []
        do {
            // The new flavor's and the image's constraints hold for the destination too.
            _ = try await place(
                try await schedulingRequest(for: instance, requestedHost: migration.requestedHost),
                instanceID: PendingMigration.claimID(instance.id), scheduler: scheduler, excludingHosts: excluded
            ) { claim in
                var moved = instance
                moved.hostID = claim.hostID
                moved.hostName = byID[claim.hostID]?.name ?? claim.hostID
                moved.state.taskState = .resizeMigrating
                moved.updatedAt = clock.now()
                return [.updateInstance(moved), .updateCurrentMigration(
                    instanceID: instance.id, status: .migrating, destination: moved.hostName, at: moved.updatedAt)]
            }
        } catch StoreError.versionConflict, StoreError.duplicate {
            return false
        } catch let refusal as NoValidHost {
            // Nova leaves the server where it was, with the fault and a failed event.
            var back = instance
            back.state.taskState = nil
            back.flavor = migration.oldFlavor
            back.migration = nil
            back.fault = InstanceFault(code: 500, message: "No valid host was found. No valid host found for resize",
                                       details: refusal.tally, createdAt: clock.now())
            back.updatedAt = clock.now()
            do {
                try await store.commit([
                    .updateInstance(back),
                    .updateCurrentMigration(instanceID: instance.id, status: .error, destination: nil, at: back.updatedAt),
                ] + finishEvent(
                    instance, ServerEvents.hostEvent(for: .resizePrep), .error, host: nil,
                    traceback: "No valid host was found."))
            } catch StoreError.versionConflict {}
            return true
        }
        if let host = try await store.instance(id: instance.id)?.hostID { wakeups.host(host).ring() }
        // The source has its part too: power the original off and hand its disk over.
        wakeups.host(migration.sourceHostID).ring()
        return true
    }

    private func beginMove(
        _ instance: Instance, to flavor: Flavor, action: ServerAction, caller: Caller,
        policyAction: ComputePolicy.Action, quota: InstanceQuotaCheck?, requestedHost: String? = nil
    ) async throws {
        guard let host = instance.hostID else {
            throw ComputeError.conflict("Instance \(instance.id) is not on a host yet")
        }
        var next = instance
        next.state.taskState = .resizePrep
        next.taskRequestID = caller.requestID
        next.migration = PendingMigration(
            sourceHostID: host, sourceHostName: instance.hostName ?? host, oldFlavor: instance.flavor,
            requestedHost: requestedHost)
        next.flavor = flavor
        // Like Nova's, the record belongs to whoever asked for the move (2.80's owner fields).
        let record = ServerMigration(
            instanceID: instance.id, projectID: caller.auth.project?.id ?? instance.projectID, userID: caller.auth.user.id,
            kind: action == .migrate ? .migration : .resize, status: .preMigrating,
            sourceCompute: instance.hostName ?? host, oldFlavorID: instance.flavor.id, newFlavorID: flavor.id,
            createdAt: clock.now())
        do {
            try await commitRecorded(
                next, action: Self.actionName(action), caller: caller, policyAction: policyAction,
                events: [InstanceActionEvent(event: ServerEvents.hostEvent(for: .resizePrep), startTime: clock.now())],
                extra: (quota.map { [.requireInstanceQuota($0)] } ?? []) + [.insertMigration(record)])
        } catch StoreError.quotaExceeded(let exceeded) {
            throw ComputeError.forbidden(exceeded.message)
        }
        wakeups.scheduler.ring()
    }
}
