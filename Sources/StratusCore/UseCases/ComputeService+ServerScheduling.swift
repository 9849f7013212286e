import Foundation

extension ComputeService {
    /// The scheduler reconciler's pass: places every accepted-but-unplaced
    /// instance. Claim and assignment commit together, so an instance is never
    /// on a host without its claim or the reverse; an instance that changed
    /// meanwhile (deleted, say) rolls its claim back with it. Several
    /// controllers may run this at once: the loser of a race finds the
    /// instance already placed. Returns how many instances it placed or failed.
    @discardableResult
    public func scheduleUnplaced(batch: Int = 256) async throws -> Int {
        try await schedulingPass(batch: batch).handled
    }

    /// `scheduleUnplaced`, saying what became of each server. One server's failure is
    /// its own: it is recorded and the pass goes on. A failure that retrying cannot
    /// mend ends the server in ERROR with the reason, so the oldest-first batch can
    /// never fill up with the same failing servers and starve the rest.
    public func schedulingPass(batch: Int = 256) async throws -> SchedulingPassReport {
        let scheduler = Scheduler(configuration: settings.scheduler)
        let pending = try await store.unplacedInstances(limit: batch)
        var report = SchedulingPassReport()
        var snapshot: [ComputeHost]?  // read once per pass, kept current by each claim
        for instance in pending {
            do {
                if try await schedule(instance, scheduler: scheduler, snapshot: &snapshot) {
                    report.placed.append(instance.id)
                }
            } catch let refusal as NoValidHost {
                report.refused.append(.init(instanceID: instance.id, kind: .noValidHost, reason: refusal.tally))
                do {
                    try await failBuild(instance, message: NoValidHost.faultMessage, details: refusal.tally)
                } catch {
                    report.refused[report.refused.count - 1].reason += "; not recorded: \(error)"
                    report.refused[report.refused.count - 1].kind = .deferred
                }
            } catch let cancelled as CancellationError {
                throw cancelled  // shutting down: not the server's fault
            } catch StoreError.unavailable(let detail) {
                // The database, not the server: the next pass tries again.
                report.refused.append(.init(instanceID: instance.id, kind: .deferred, reason: detail))
                snapshot = nil
            } catch {
                let reason = String(describing: error)
                report.refused.append(.init(instanceID: instance.id, kind: .failed, reason: reason))
                snapshot = nil
                do {
                    try await failBuild(instance, message: "Build of instance \(instance.id) aborted: \(reason)")
                } catch {
                    // Left unplaced; the next pass meets it again, after the others it did not block.
                    report.refused[report.refused.count - 1].reason += "; not recorded: \(error)"
                    report.refused[report.refused.count - 1].kind = .deferred
                }
            }
        }
        return report
    }

    /// Places one instance; `false` when another controller or a user's change got
    /// there first. Throws `NoValidHost` (with the filters' tally) or why it could not try.
    private func schedule(_ instance: Instance, scheduler: Scheduler, snapshot: inout [ComputeHost]?) async throws -> Bool {
        // The image only adds constraints (ImagePropertiesFilter): one deleted since the
        // create adds none. A failed read is not "no constraints": it fails this server.
        let imageProperties = try await images.bootImage(id: instance.imageID)?.extraProperties ?? [:]
        let group = try await store.serverGroup(memberID: instance.id)
        var placement: ServerGroupPlacement?
        if let group {
            placement = ServerGroupPlacement(
                policy: group.policy, memberHostIDs: try await store.serverGroupMemberHosts(groupID: group.id),
                maxServerPerHost: group.maxServerPerHost ?? 1)
        }
        var request = SchedulingRequest(
            placing: instance, imageProperties: imageProperties, availabilityZone: instance.requestedZone,
            requestedHost: instance.requestedHost, serverGroup: placement)
        if let hints = instance.placementHints { request.hostAffinity = try await hostAffinity(hints) }
        do {
            let hosts: [ComputeHost]
            if let snapshot { hosts = snapshot } else { hosts = try await store.computeHosts() }
            snapshot = hosts
            let byID = Dictionary(hosts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            _ = try await place(request, instanceID: instance.id, scheduler: scheduler, snapshot: &snapshot) { claim in
                var placed = instance
                placed.hostID = claim.hostID
                placed.hostName = byID[claim.hostID]?.name ?? claim.hostID
                placed.availabilityZone = byID[claim.hostID]?.availabilityZone ?? settings.defaultZone
                placed.state.taskState = .spawning
                placed.updatedAt = clock.now()
                // The group's rule, checked again inside the claim's transaction:
                // the scheduler's view of where members are may already be stale.
                let groupCheck: [StoreChange] = group.map { group in
                    [.requireGroupPlacement(GroupPlacementCheck(
                        groupID: group.id, instanceID: instance.id, hostID: claim.hostID, policy: group.policy,
                        maxServerPerHost: group.maxServerPerHost ?? 1))]
                } ?? []
                return groupCheck + [.updateInstance(placed)] + finishEvent(
                    instance, ServerEvents.schedule, .success, host: nil,
                    start: ServerEvents.hostEvent(for: .spawning), hostName: placed.hostName)
            }
        } catch StoreError.versionConflict, StoreError.duplicate {
            return false  // changed or placed by another controller meanwhile
        }
        if let host = try await store.instance(id: instance.id)?.hostID { wakeups.host(host).ring() }
        return true
    }

    /// Where the servers a user's hints name are now (servers that are gone or
    /// unplaced are on no host).
    func hostAffinity(_ hints: PlacementHints) async throws -> HostAffinity {
        func hosts(_ ids: [String]) async throws -> Set<String> {
            var found = Set<String>()
            for id in Set(ids) {
                if let host = try await store.instance(id: id)?.hostID { found.insert(host) }
            }
            return found
        }
        return HostAffinity(
            sameHostIDs: hints.sameHost.isEmpty ? nil : try await hosts(hints.sameHost),
            differentHostIDs: try await hosts(hints.differentHost))
    }

    /// A build that cannot go on: ERROR with Nova's fault, no host, no claim.
    func failBuild(_ instance: Instance, message: String, details: String? = nil) async throws {
        let now = clock.now()
        var failed = instance
        failed.state = InstanceState(
            vmState: .error, taskState: nil, powerState: instance.state.powerState,
            hasLaunched: instance.state.hasLaunched)
        failed.fault = InstanceFault(code: 500, message: message, details: details, createdAt: now)
        failed.hostID = nil
        failed.updatedAt = now
        do {
            try await store.commit(
                [.releaseClaim(instanceID: instance.id), .updateInstance(failed)]
                    + finishEvent(instance, ServerEvents.schedule, .error, host: nil, traceback: message))
        } catch StoreError.versionConflict {
            // Deleted or changed meanwhile; the next pass looks again.
        }
    }

    /// Finishes the event `name` of the action that started the instance's
    /// current work (the latest action), optionally starting the next one.
    func finishEvent(
        _ instance: Instance, _ name: String, _ result: InstanceActionEvent.Result, host: String?,
        traceback: String? = nil, start next: String? = nil, hostName: String? = nil
    ) -> [StoreChange] {
        // The action's request id is looked up by the store key (instance, request);
        // the latest action is the one whose work this is.
        guard let requestID = instance.taskRequestID else { return [] }
        let now = clock.now()
        var changes: [StoreChange] = [.upsertInstanceActionEvent(
            instanceID: instance.id, requestID: requestID,
            InstanceActionEvent(event: name, startTime: instance.updatedAt, finishTime: now, result: result,
                                hostName: host, traceback: traceback))]
        if let next {
            changes.append(.upsertInstanceActionEvent(
                instanceID: instance.id, requestID: requestID,
                InstanceActionEvent(event: next, startTime: now, hostName: hostName)))
        }
        return changes
    }
}
