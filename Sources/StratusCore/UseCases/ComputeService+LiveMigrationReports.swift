import Foundation

/// What the two agents of a live migration report, one commit per phase. Every
/// report names the host and phase it comes from, so a late or repeated one
/// changes nothing; the instance moves to the destination only when the source's
/// hypervisor says the guest's state has arrived.
extension ComputeService {
    /// The destination's guest waits for the incoming state at `uri`.
    public func incomingMigrationReady(instanceID: String, hostID: String, uri: String) async throws {
        try await updatingLiveMigration(instanceID) { instance, live in
            guard live.targetHostID == hostID, live.phase == .preparing else { return nil }
            var next = instance
            next.liveMigration?.phase = .listening
            next.liveMigration?.incomingURI = uri
            let running = StoreChange.updateCurrentMigration(instanceID: instanceID, status: .running, destination: nil, at: clock.now())
            return ([.updateInstance(next), running], live.sourceHostID)
        }
    }

    /// The source's hypervisor finished sending: the instance is now on the
    /// destination, whose agent confirms the guest runs (`completeTask`) and keeps
    /// `console`, what the guest wrote on the source, before its new output.
    public func migrationTransferred(instanceID: String, hostID: String, console: ConsoleHistory) async throws {
        try await updatingLiveMigration(instanceID) { instance, live in
            guard live.sourceHostID == hostID, live.phase == .listening, instance.hostID == hostID else { return nil }
            var next = instance
            next.hostID = live.targetHostID
            next.hostName = live.targetHostName
            next.liveMigration?.phase = .transferred
            next.liveMigration?.consoleHistory = console
            return ([.updateInstance(next)], live.targetHostID)
        }
    }

    /// Either end could not go on before the transfer: the server stays where it
    /// is, running, the destination's claim is given back, and the destination's
    /// waiting guest becomes a stray its agent removes.
    public func liveMigrationFailed(instanceID: String, hostID: String, message: String) async throws {
        try await updatingLiveMigration(instanceID) { instance, live in
            guard hostID == live.sourceHostID || hostID == live.targetHostID, live.phase != .transferred else {
                return nil
            }
            var next = instance
            next.state.taskState = nil
            next.liveMigration = nil
            let changes: [StoreChange] = [
                .releaseClaim(instanceID: PendingMigration.claimID(instanceID)), .updateInstance(next),
                .updateCurrentMigration(instanceID: instanceID, status: .failed, destination: nil, at: clock.now()),
            ] + finishEvent(instance, ServerEvents.hostEvent(for: .migrating), .error, host: instance.hostName,
                            traceback: message)
            return (changes, live.targetHostID)
        }
    }

    /// The scheduler reconciler's part for live migrations: one whose destination
    /// never started listening, because its host went down or it took longer than
    /// `timeout`, ends as a failed one (nothing was sent: the server runs on where it
    /// is). Later phases are the agents' to finish or fail: the source drives the
    /// transfer, and after it the guest is on the destination. Returns how many ended.
    @discardableResult
    public func expireUnansweredLiveMigrations(timeout: TimeInterval = 600) async throws -> Int {
        let now = clock.now()
        let hosts = Dictionary(try await store.computeHosts().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var ended = 0
        for instance in try await store.instancesMigratingLive() {
            guard let live = instance.liveMigration, live.phase == .preparing else { continue }
            let destinationUp = hosts[live.targetHostID].map { RegisteredHost.isUp($0, at: now) } ?? false
            let why: String
            if !destinationUp {
                why = "Destination host \(live.targetHostName) is down"
            } else if now.timeIntervalSince(live.startedAt) > timeout {
                why = "Destination host \(live.targetHostName) did not prepare within \(Int(timeout)) s"
            } else {
                continue
            }
            try await liveMigrationFailed(instanceID: instance.id, hostID: live.targetHostID, message: why)
            ended += 1
        }
        return ended
    }

    /// The claim and record changes that end a live migration once the instance
    /// is on the destination: its claim there becomes the instance's own, and the
    /// migration record ends with `status` (completed, or error when cut short).
    func finishLiveMigration(_ next: inout Instance, _ status: ServerMigration.Status) -> [StoreChange] {
        guard next.liveMigration != nil else { return [] }
        next.liveMigration = nil
        return [
            .releaseClaim(instanceID: next.id), .renameClaim(from: PendingMigration.claimID(next.id), to: next.id),
            .updateCurrentMigration(instanceID: next.id, status: status, destination: nil, at: clock.now()),
        ]
    }

    /// Reads the instance, lets `change` decide (nil: the report is stale), commits,
    /// and wakes the host that acts next. Retries when a user's write slipped in.
    private func updatingLiveMigration(
        _ instanceID: String, _ change: (Instance, LiveMigration) -> ([StoreChange], String)?
    ) async throws {
        try await retryingConflicts {
            guard let instance = try await store.instance(id: instanceID), instance.state.taskState == .migrating,
                  let live = instance.liveMigration, let (decided, wake) = change(instance, live)
            else { return }
            let changes = decided.map { change in
                guard case .updateInstance(var updated) = change else { return change }
                updated.updatedAt = clock.now()
                return .updateInstance(updated)
            }
            try await store.commit(changes)
            wakeups.host(wake).ring()
        }
    }
}
