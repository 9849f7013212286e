import Foundation

/// Guests a host runs that none of its live instances claims. Instance rows are
/// never removed (deleted servers keep theirs, as Nova's soft-deleted rows), so
/// "does the control plane know this id" is a row lookup: a known id is a
/// leftover to clean up, an unknown one exists only because this database is
/// older than the host's state (a restore) and the operator's policy decides.
extension ComputeService {
    public func resolveStrayGuests(
        hostID: String, guests: [UnclaimedGuest], policy: StrayGuestPolicy
    ) async throws -> [StrayGuestDecision] {
        guard !guests.isEmpty else { return [] }
        let claimedNow = Set(try await store.instances(hostID: hostID).map(\.id))
        var decisions: [StrayGuestDecision] = []
        for guest in guests {
            decisions.append(try await resolve(guest, hostID: hostID, claimedNow: claimedNow, policy: policy))
        }
        return decisions
    }

    private func resolve(
        _ guest: UnclaimedGuest, hostID: String, claimedNow: Set<String>, policy: StrayGuestPolicy
    ) async throws -> StrayGuestDecision {
        let id = guest.instanceID
        if claimedNow.contains(id) {
            return StrayGuestDecision(
                instanceID: id, kind: .claimed, verdict: .keep, policy: nil,
                reason: "a server of this host claims it since the pass began")
        }
        if let known = try await store.instance(id: id) {
            let whereItIs = known.isDeleted ? "deleted" : "\(known.status.rawValue) on \(known.hostName ?? "no host")"
            return StrayGuestDecision(
                instanceID: id, kind: .leftover, verdict: .destroy, policy: nil,
                reason: "leftover of server \(id) (\(whereItIs))")
        }
        func unknown(_ verdict: StrayGuestVerdict, _ reason: String) -> StrayGuestDecision {
            StrayGuestDecision(instanceID: id, kind: .unknown, verdict: verdict, policy: policy, reason: reason)
        }
        switch policy {
        case .destroy:
            // Recorded as decided: a destroy that fails is decided, and recorded, again next pass.
            try await store.commit([strayAudit("stratus:stray_guest:destroy", id, projectID: guest.record?.projectID)])
            return unknown(.destroy, "no server has this id")
        case .adopt:
            guard let record = guest.record else {
                return unknown(.keep, "no server has this id and the host keeps no record of its owner and size: left running")
            }
            if let defect = record.defect ?? (record.instanceID == id ? nil : "it describes \(record.instanceID)") {
                return unknown(.keep, "no server has this id and its host's record cannot make one (\(defect)): left running")
            }
            guard let host = try await store.computeHosts().first(where: { $0.id == hostID }) else {
                return unknown(.keep, "no server has this id and its host \(hostID) is not registered: left running")
            }
            do {
                let server = try await adopt(record, power: guest.power, host: host)
                return unknown(.adopted, "adopted as server \(server.name) of project \(server.projectID), \(server.status.rawValue)")
            } catch StoreError.insufficientCapacity(let detail) {
                return unknown(.keep, "no room on the host to claim its resources (\(detail)): left running")
            }
        }
    }

    /// The guest as a server on its host: its claim, the server, an `adopt` action
    /// and the audit record in one transaction. No quota check: the guest already
    /// runs, and refusing the record would not stop it.
    private func adopt(_ record: GuestRecord, power: PowerState, host: ComputeHost) async throws -> Instance {
        let now = clock.now()
        let state: InstanceState = switch power {
        case .running: InstanceState(vmState: .active, powerState: .running)
        case .paused: InstanceState(vmState: .paused, powerState: .paused)
        case .suspended: InstanceState(vmState: .suspended, powerState: .suspended)
        case .shutdown, .crashed, .noState: InstanceState(vmState: .stopped, powerState: .shutdown)
        }
        let flavor = record.flavor
        var instance = Instance(
            id: record.instanceID, name: record.name, projectID: record.projectID, userID: record.userID,
            imageID: record.imageID, flavor: flavor, state: state, hostID: host.id, hostName: host.name,
            availabilityZone: host.availabilityZone ?? settings.defaultZone, metadata: record.metadata,
            keyName: record.keyName, keyData: record.keyData, reservationID: record.reservationID,
            launchIndex: record.launchIndex, createdAt: record.createdAt, updatedAt: now, launchedAt: now,
            hostname: record.hostname, kernelID: record.kernelID, ramdiskID: record.ramdiskID)
        instance.imageHardware = record.imageHardware
        let requestID = "req-" + ids.newUUID()
        let action = InstanceAction(
            instanceID: instance.id, requestID: requestID, action: "adopt", projectID: record.projectID,
            userID: record.userID, startTime: now,
            events: [InstanceActionEvent(
                event: "stratus_adopt_stray_guest", startTime: now, finishTime: now, result: .success,
                hostName: host.name)])
        try await store.commit([
            .claimResources(ResourceClaim(hostID: host.id, instanceID: instance.id, amounts: flavor.resources)),
            .insertInstance(instance),
            .insertInstanceAction(action),
            strayAudit("stratus:stray_guest:adopt", instance.id, projectID: record.projectID, requestID: requestID),
        ])
        return instance
    }

    /// Done by the cloud itself, not by a caller: no actor user.
    private func strayAudit(_ action: String, _ id: String, projectID: String?, requestID: String? = nil) -> StoreChange {
        .appendAudit(AuditRecord(
            id: ids.newID(), time: clock.now(), requestID: requestID ?? "req-" + ids.newUUID(),
            actorUserID: nil, actorProjectID: projectID, action: action, targetType: "server", targetID: id))
    }
}
