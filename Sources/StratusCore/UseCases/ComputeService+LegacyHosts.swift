import Foundation

/// Nova's os-hosts (deprecated at 2.43, still what tempest and older clients
/// call): the compute hosts by zone, a host's resources by project, and the
/// host actions, which no Stratus host supports.
extension ComputeService {
    /// The enabled hosts, in `zone` when one is named (an empty zone is none).
    public func legacyHosts(_ caller: Caller, zone: String?) async throws -> [RegisteredHost] {
        try authorize(.listLegacyHosts, caller)
        return try await store.registeredHosts().filter { registered in
            registered.host.enabled && (zone.map { $0.isEmpty || (registered.host.availabilityZone ?? "nova") == $0 } ?? true)
        }
    }

    /// A host's resource report: its figures and its servers' flavors by project.
    public func legacyHost(_ caller: Caller, name: String) async throws -> LegacyHostReport {
        try authorize(.showLegacyHost, caller)
        guard let host = try await store.registeredHosts().first(where: { $0.host.name == name }) else {
            throw ComputeError.notFound("Compute host \(name) could not be found.")
        }
        let instances = try await store.instances(hostID: host.host.id).filter { $0.hostID == host.host.id }
        return LegacyHostReport(host, servers: instances)
    }

    /// `PUT /os-hosts/{host}` and the startup/shutdown/reboot actions. Nova hands
    /// them to the host's driver, and drivers without them (libvirt among them)
    /// answer 501; Stratus's hosts neither power themselves nor take a
    /// maintenance mode, so after the policy and the host's existence the answer
    /// is that 501.
    public func legacyHostAction(_ caller: Caller, name: String, action: ComputePolicy.Action) async throws -> Never {
        try authorize(action, caller)
        guard try await store.registeredHosts().contains(where: { $0.host.name == name }) else {
            throw ComputeError.notFound("Host \(name) could not be found.")
        }
        throw ComputeError.notImplemented("The requested functionality is not supported.")
    }
}
