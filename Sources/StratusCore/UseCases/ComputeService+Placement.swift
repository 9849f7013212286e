import Foundation

extension ComputeService {
    /// Registers a compute host, or updates what it offers (capacity, ratios,
    /// traits). Its usage is left to claims.
    public func registerHost(_ host: ComputeHost) async throws {
        try await store.commit([.upsertComputeHost(host)])
    }

    public func recordHeartbeat(hostID: String, at instant: Date) async throws {
        try await store.commit([.recordHeartbeat(hostID: hostID, at: instant)])
    }

    /// Chooses a host for one instance and claims its resources there.
    ///
    /// The scheduler works on a snapshot; the claim is the store's conditional
    /// update, so two requests that picked the same last slot cannot both get
    /// it. The loser tries its alternates, then re-reads and schedules again.
    /// Every lost race means another claim succeeded, so the retries end: with
    /// a placement, or with `NoValidHost` once a fresh read shows no room.
    /// `alsoCommit` adds changes to the claim's transaction (the instance's
    /// assignment to the host): they succeed or fail together.
    public func place(
        _ request: SchedulingRequest, instanceID: String, scheduler: Scheduler, maxRounds: Int = 64,
        excludingHosts: Set<String> = [], alsoCommit: (ResourceClaim) -> [StoreChange] = { _ in [] }
    ) async throws -> ResourceClaim {
        var snapshot: [ComputeHost]?
        return try await place(
            request, instanceID: instanceID, scheduler: scheduler, maxRounds: maxRounds,
            excludingHosts: excludingHosts, snapshot: &snapshot, alsoCommit: alsoCommit)
    }

    /// `place`, reusing `snapshot` (the hosts as last read) across placements:
    /// a pass placing thousands of instances reads the hosts once, not once per
    /// instance. The snapshot is updated with each claim made here and re-read
    /// after a lost race; `NoValidHost` is only ever concluded from a fresh read.
    public func place(
        _ request: SchedulingRequest, instanceID: String, scheduler: Scheduler, maxRounds: Int = 64,
        excludingHosts: Set<String> = [], snapshot: inout [ComputeHost]?,
        alsoCommit: (ResourceClaim) -> [StoreChange] = { _ in [] }
    ) async throws -> ResourceClaim {
        var single = request
        single.instanceCount = 1
        var lastRefusal: NoValidHost?
        for _ in 0..<maxRounds {
            let fresh = snapshot == nil
            let hosts: [ComputeHost]
            if let snapshot { hosts = snapshot } else { hosts = try await store.computeHosts() }
            snapshot = hosts
            let eligible = hosts.filter { !excludingHosts.contains($0.id) }
            let selection: HostSelection
            do {
                guard let first = try scheduler.select(single, from: eligible, now: clock.now()).first else { continue }
                selection = first
            } catch {
                // The filters' reasons travel with the refusal, for the fault's details and the log.
                if fresh { throw error }
                lastRefusal = error
                snapshot = nil  // the cached view may be out of date: look again before refusing
                continue
            }
            for hostID in selection.candidateHostIDs {
                let claim = ResourceClaim(hostID: hostID, instanceID: instanceID, amounts: selection.amounts)
                do {
                    try await store.commit([.claimResources(claim)] + alsoCommit(claim))
                    if let index = hosts.firstIndex(where: { $0.id == hostID }), let claimed = hosts[index].claiming(claim) {
                        snapshot?[index] = claimed
                    }
                    return claim
                } catch StoreError.insufficientCapacity {
                    continue  // someone else took the room; next candidate
                }
            }
            snapshot = nil  // every candidate lost its race: read again
        }
        throw lastRefusal ?? NoValidHost(instanceIndex: 0, requestedCount: 1, rejections: [])
    }

    /// Gives an instance's resources back; safe to repeat.
    public func releaseClaim(instanceID: String) async throws {
        try await store.commit([.releaseClaim(instanceID: instanceID)])
    }
}
