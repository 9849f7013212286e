import Foundation

/// Chooses hosts for a request the way Nova's filter scheduler does — filter, weigh,
/// take the best — without I/O: the caller supplies the host snapshot and the time,
/// then turns each selection into a `ResourceClaim` for the store to apply atomically.
///
/// Instances of one request are placed one after another on a working copy of the
/// snapshot: each choice consumes its resources there and joins the server group
/// (Nova's `consume_from_request`), so the next instance sees the host as fuller and
/// the group as larger. The whole request fits or `NoValidHost` is thrown.
///
/// Choices are deterministic (ties keep the snapshot's order; Nova's default
/// `host_subset_size` 1 takes the best too). Replicas racing for the same host are
/// settled by the store's conditional claim; the loser moves to an alternate.
public struct Scheduler: Sendable {
    public var configuration: SchedulerConfiguration

    public init(configuration: SchedulerConfiguration = SchedulerConfiguration()) {
        self.configuration = configuration
    }

    public func select(
        _ request: SchedulingRequest, from hosts: [ComputeHost], now: Date
    ) throws(NoValidHost) -> [HostSelection] {
        guard request.instanceCount > 0 else { return [] }
        let amounts = request.flavor.resources
        let filters: [any HostFilter] = [ResourceFilter()] + configuration.filters
        var working = hosts
        var request = request
        let candidates = Self.candidateIndices(working, requestedHost: request.requestedHost)

        var picks: [(chosen: Int, ranked: [String], weight: Double, rejections: [HostRejection])] = []
        for instance in 0..<request.instanceCount {
            var passing: [Int] = []
            var rejections: [HostRejection] = []
            for index in candidates {
                if let rejection = Self.firstRejection(working[index], request, now, filters) {
                    rejections.append(rejection)
                } else {
                    passing.append(index)
                }
            }
            // The resource filter has run, so every passing host fits; checking again
            // costs little and keeps the invariant local to this loop.
            let order = HostWeighing.order(
                passing.map { working[$0] }, request: request, weighers: configuration.weighers)
            let fitting = order
                .map { (index: passing[$0.offset], weight: $0.weight) }
                .filter { working[$0.index].canClaim(amounts) }
            guard let best = fitting.first, let claimed = working[best.index].claiming(amounts) else {
                throw NoValidHost(
                    instanceIndex: instance, requestedCount: request.instanceCount, rejections: rejections,
                    consideredHosts: candidates.count)
            }
            working[best.index] = claimed
            request.serverGroup?.memberHostIDs.append(claimed.id)
            picks.append((best.index, fitting.map { working[$0.index].id }, best.weight, rejections))
        }

        let chosenIDs = Set(picks.map { working[$0.chosen].id })
        return picks.enumerated().map { instance, pick in
            let alternates = pick.ranked.dropFirst().filter { !chosenIDs.contains($0) }
            return HostSelection(
                instanceIndex: instance, hostID: working[pick.chosen].id,
                alternateHostIDs: Array(alternates.prefix(max(0, configuration.maxAlternates))), amounts: amounts,
                weight: pick.weight, rejections: pick.rejections)
        }
    }

    /// All hosts, or only the admin's requested one, matched by name without regard to
    /// case as Nova matches forced hosts.
    static func candidateIndices(_ hosts: [ComputeHost], requestedHost: String?) -> [Int] {
        guard let requested = requestedHost?.lowercased(), !requested.isEmpty else { return Array(hosts.indices) }
        return hosts.indices.filter { hosts[$0].name.lowercased() == requested }
    }

    static func firstRejection(
        _ host: ComputeHost, _ request: SchedulingRequest, _ now: Date, _ filters: [any HostFilter]
    ) -> HostRejection? {
        for filter in filters {
            if case .reject(let reason) = filter.verdict(for: host, request: request, now: now) {
                return HostRejection(hostID: host.id, hostName: host.name, filter: filter.name, reason: reason)
            }
        }
        return nil
    }
}
