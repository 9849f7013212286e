import Foundation

/// One server's share of a usage period (Nova's `server_usages` entry): the
/// hours it ran inside the period, its flavor's size, and how long it has been
/// (or was) up.
public struct ServerUsage: Sendable, Equatable {
    public var instance: Instance
    public var hours: Double
    public var startedAt: Date
    public var endedAt: Date?
    /// Whole seconds from launch to termination, or to now while it exists.
    public var uptimeSeconds: Int

    /// Nova's `state`: terminated once it has an end, else its vm_state.
    public var state: String { endedAt == nil ? instance.state.vmState.rawValue : "terminated" }
    public var localGiB: Int { instance.flavor.rootDiskGiB + instance.flavor.ephemeralGiB }

    /// Nova's `_hours_for`: the overlap of [launched, terminated or period end]
    /// with the period, in hours.
    static func make(_ instance: Instance, start: Date, stop: Date, now: Date) -> ServerUsage? {
        guard let launched = instance.launchedAt else { return nil }
        let terminated = instance.terminatedAt
        var hours = 0.0
        if !(terminated.map { $0 < start } ?? false), launched <= stop {
            let from = max(launched, start)
            let to = terminated.map { min(stop, $0) } ?? stop
            hours = to.timeIntervalSince(from) / 3600
        }
        let uptime = Int((terminated ?? now).timeIntervalSince(launched))
        return ServerUsage(instance: instance, hours: hours, startedAt: launched, endedAt: terminated, uptimeSeconds: uptime)
    }
}

/// A project's usage over a period (Nova's `tenant_usage`): the sums of its
/// servers' hours weighted by their vCPUs, memory and disk.
public struct ProjectUsage: Sendable, Equatable {
    public var projectID: String
    public var start: Date
    public var stop: Date
    public var servers: [ServerUsage] = []

    public var totalHours: Double { servers.reduce(0) { $0 + $1.hours } }
    public var totalVCPUsUsage: Double { servers.reduce(0) { $0 + Double($1.instance.flavor.vcpus) * $1.hours } }
    public var totalMemoryMiBUsage: Double { servers.reduce(0) { $0 + Double($1.instance.flavor.memoryMiB) * $1.hours } }
    public var totalLocalGiBUsage: Double { servers.reduce(0) { $0 + Double($1.localGiB) * $1.hours } }

    /// The servers grouped by project, in the order each project first appears.
    static func grouped(_ servers: [ServerUsage], start: Date, stop: Date) -> [ProjectUsage] {
        var order: [String] = []
        var byProject: [String: ProjectUsage] = [:]
        for server in servers {
            let project = server.instance.projectID
            if byProject[project] == nil {
                order.append(project)
                byProject[project] = ProjectUsage(projectID: project, start: start, stop: stop)
            }
            byProject[project]?.servers.append(server)
        }
        return order.compactMap { byProject[$0] }
    }
}
