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
            throw ComputeError.notFound("Hypervisor with ID '\(number)' could not be found.")
        }
        return host
    }

    /// A hypervisor by the id the microversion uses: its integer below 2.53
    /// (anything else is not found), its UUID from 2.53 (anything else is 400).
    public func getHost(_ caller: Caller, id: String, byUUID: Bool) async throws -> RegisteredHost {
        try authorize(.showHypervisor, caller)
        let notFound = ComputeError.notFound("Hypervisor with ID '\(id)' could not be found.")
        if byUUID {
            guard UUID(uuidString: id) != nil else { throw ComputeError.badRequest("Invalid uuid \(id)") }
        } else if Int(id) == nil {
            throw notFound
        }
        guard let found = Self.host(try await hostsWithState(), id: id, byUUID: byUUID, uuid: \.hypervisorUUID) else {
            throw notFound
        }
        return found
    }

    /// A host by the id a microversion uses: its integer below 2.53, its (service's
    /// or hypervisor's) UUID from 2.53.
    static func host(
        _ hosts: [RegisteredHost], id: String, byUUID: Bool, uuid: KeyPath<RegisteredHost, String>
    ) -> RegisteredHost? {
        byUUID ? hosts.first { $0[keyPath: uuid] == id.lowercased() } : hosts.first { String($0.number) == id }
    }

    /// The live servers a host runs (Nova's `instance_get_all_by_host`), for
    /// the hypervisors' `servers` lists.
    /// `os-hypervisors/statistics` (below 2.88): the enabled hosts' figures summed,
    /// as Nova joins compute nodes to enabled nova-compute services, and their count.
    public func hypervisorStatistics(_ caller: Caller) async throws -> (count: Int, totals: HostFigures) {
        try authorize(.hypervisorStatistics, caller)
        let hosts = try await hostsWithState().filter(\.host.enabled)
        return (hosts.count, hosts.reduce(HostFigures()) { $0 + HostFigures($1) })
    }

    public func serversOnHost(_ caller: Caller, _ host: RegisteredHost) async throws -> [Instance] {
        try authorize(.listHypervisors, caller)
        return try await store.instances(hostID: host.host.id).filter { $0.hostID == host.host.id }
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

}

public struct AvailabilityZone: Sendable, Equatable {
    public var name: String
    public var available: Bool
    public var hosts: [RegisteredHost]
}
