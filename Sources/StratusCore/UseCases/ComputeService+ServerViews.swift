import Foundation

/// Nova's `host_status` (2.16): how the server's host is doing, for callers
/// whose policy shows it. Stratus cannot force a host down, so DOWN (Nova's
/// `forced_down`) never appears.
public enum HostStatus: String, Sendable, Equatable {
    case up = "UP"
    case down = "DOWN"
    case maintenance = "MAINTENANCE"
    case unknown = "UNKNOWN"
    case none = ""
}

/// What policy lets a caller see in a server's view.
public struct ServerViewPolicy: Sendable, Equatable {
    /// `OS-EXT-SRV-ATTR:*` (`os-extended-server-attributes`).
    public var extendedAttributes: Bool
    /// 2.16: nil hides `host_status`; true shows only UNKNOWN; false shows any.
    public var hostStatusUnknownOnly: Bool?
    /// 2.47: `extra_specs` in the embedded flavor.
    public var flavorExtraSpecs: Bool

    public init(extendedAttributes: Bool, hostStatusUnknownOnly: Bool?, flavorExtraSpecs: Bool) {
        self.extendedAttributes = extendedAttributes
        self.hostStatusUnknownOnly = hostStatusUnknownOnly
        self.flavorExtraSpecs = flavorExtraSpecs
    }

    /// The status to show, if any.
    public func shown(_ status: HostStatus) -> HostStatus? {
        guard let unknownOnly = hostStatusUnknownOnly else { return nil }
        return !unknownOnly || status == .unknown ? status : nil
    }
}

extension ComputeService {
    /// The view rules for servers of `projectID` (nil: the caller's project,
    /// as Nova checks a list).
    public func serverViewPolicy(_ caller: Caller, projectID: String? = nil) -> ServerViewPolicy {
        let target = projectID.map { ["project_id": $0] } ?? [:]
        func allowed(_ action: ComputePolicy.Action) -> Bool {
            (try? authorize(action, caller, target: target)) != nil
        }
        let unknownOnly: Bool? = allowed(.showHostStatus) ? false : allowed(.showHostStatusUnknownOnly) ? true : nil
        return ServerViewPolicy(
            extendedAttributes: allowed(.extendedAttributes), hostStatusUnknownOnly: unknownOnly,
            flavorExtraSpecs: allowed(.showFlavorExtraSpecs))
    }

    /// Nova's `get_instance_host_status` for each instance, by id: no host → "",
    /// host disabled → MAINTENANCE, heartbeat fresh → UP, else UNKNOWN.
    public func hostStatuses(_ instances: [Instance]) async throws -> [String: HostStatus] {
        guard instances.contains(where: { $0.hostID != nil }) else {
            return Dictionary(uniqueKeysWithValues: instances.map { ($0.id, HostStatus.none) })
        }
        let now = clock.now()
        let hosts = Dictionary(try await store.computeHosts().map { ($0.id, $0) }) { first, _ in first }
        var statuses: [String: HostStatus] = [:]
        for instance in instances {
            guard let hostID = instance.hostID, let host = hosts[hostID] else {
                statuses[instance.id] = HostStatus.none
                continue
            }
            statuses[instance.id] = !host.enabled ? .maintenance : RegisteredHost.isUp(host, at: now) ? .up : .unknown
        }
        return statuses
    }

    /// 2.71 `server_groups`: the group the server is in, as a list of its id.
    public func serverGroupIDs(of instance: Instance) async throws -> [String] {
        try await store.serverGroup(memberID: instance.id).map { [$0.id] } ?? []
    }

    /// Nova's `allow_all_filters`: whether every list filter (host, deleted,
    /// project, sort keys, ...) applies, or only the ones any user may use.
    public func allowsAllServerFilters(_ caller: Caller) -> Bool {
        (try? authorize(.allowAllServerFilters, caller)) != nil
    }
}
