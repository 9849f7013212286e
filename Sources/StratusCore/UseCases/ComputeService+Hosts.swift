import Foundation

extension ComputeService {
    /// `os-services` and `os-hypervisors`: every host, for administrators.
    public func listHosts(_ caller: Caller, action: ComputePolicy.Action) async throws -> [RegisteredHost] {
        try authorize(action, caller)
        return try await hostsWithState()
    }

    public func getHost(_ caller: Caller, number: Int) async throws -> RegisteredHost {
        try authorize(.showHypervisor, caller)
        guard let host = try await hostsWithState().first(where: { $0.number == number }) else {
            throw ComputeError.notFound("Hypervisor with ID \(number) could not be found.")
        }
        return host
    }

    /// Every host, with its up/down state decided against this instant.
    private func hostsWithState() async throws -> [RegisteredHost] {
        let now = clock.now()
        return try await store.registeredHosts().map { registered in
            var host = registered
            host.isUp = RegisteredHost.isUp(registered.host, at: now)
            return host
        }
    }
}

extension ComputeService {
    /// Zones are where hosts are: a zone exists while a host in it is registered.
    /// `available` is true when at least one of its hosts is up and enabled.
    public func listZones(_ caller: Caller, detail: Bool) async throws -> [AvailabilityZone] {
        try authorize(detail ? .listZonesDetail : .listZones, caller)
        let hosts = try await hostsWithState()
        let byZone = Dictionary(grouping: hosts) { $0.host.availabilityZone ?? "nova" }
        return byZone.keys.sorted().map { zone in
            let members = byZone[zone] ?? []
            return AvailabilityZone(
                name: zone,
                available: members.contains { $0.host.enabled && $0.isUp },
                hosts: detail ? members : [])
        }
    }

    /// Aggregates are not modelled yet: the answer is the truth, none exist.
    public func listAggregates(_ caller: Caller) async throws -> [String] {
        try authorize(.listAggregates, caller)
        return []
    }
}

public struct AvailabilityZone: Sendable, Equatable {
    public var name: String
    public var available: Bool
    public var hosts: [RegisteredHost]
}
