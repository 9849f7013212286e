import Foundation

extension ComputeService {
    /// `DELETE /os-services/{id}`: a host that has left for good (a machine
    /// retired, the hosts of an earlier run) stops being listed. Its integer id
    /// below 2.53, its UUID from 2.53 (anything else is 400), as Nova.
    /// Refused while it hosts live servers (Nova's 409) and while it is up: its
    /// agent would go on reporting for a host the cloud no longer knows. An
    /// enrolled host's credentials are revoked in the same transaction (a host that
    /// must be shut out while it runs: `stratus admin revoke-host`).
    public func deleteHost(_ caller: Caller, serviceID id: String, byUUID: Bool) async throws {
        try authorize(.deleteService, caller)
        if byUUID, UUID(uuidString: id) == nil { throw ComputeError.badRequest("Invalid uuid \(id)") }
        let now = clock.now()
        let hosts = try await store.registeredHosts()
        guard let registered = Self.host(hosts, id: id, byUUID: byUUID, uuid: \.serviceUUID) else {
            throw ComputeError.notFound("Service \(id) not found.")
        }
        let host = registered.host
        guard try await store.instances(hostID: host.id).isEmpty else {
            throw ComputeError.conflict(
                "Unable to delete compute service that is hosting instances. Migrate or delete the instances first.")
        }
        guard !RegisteredHost.isUp(host, at: now) else {
            throw ComputeError.conflict(
                "Compute service \(host.name) is up: stop its agent, and delete it once it is shown down.")
        }
        // Its enrolled credentials go with it: its certificate is refused from now on.
        try await store.commit([
            .deleteComputeHost(id: host.id, name: host.name),
            .revokeHostCredentials(hostName: host.name, at: now),
            audit(caller, ComputePolicy.Action.deleteService.rawValue, "compute_host", host.id),
        ])
    }
}
