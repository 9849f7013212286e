import Foundation

/// A host's resources as Nova's hypervisor views count them: capacity, what
/// claims and the reservation use, and the servers it runs. `+` sums hosts for
/// `os-hypervisors/statistics`, so the sums are those of the detail views.
public struct HostFigures: Sendable, Equatable {
    public var capacity: ResourceAmounts
    public var used: ResourceAmounts
    public var runningServers: Int

    public init(capacity: ResourceAmounts = .zero, used: ResourceAmounts = .zero, runningServers: Int = 0) {
        self.capacity = capacity
        self.used = used
        self.runningServers = runningServers
    }

    public init(_ registered: RegisteredHost) {
        self.init(
            capacity: registered.host.capacity, used: registered.host.usage + registered.host.reserved,
            runningServers: registered.claimCount)
    }

    public var free: ResourceAmounts {
        ResourceAmounts(
            vcpus: capacity.vcpus - used.vcpus, memoryMiB: capacity.memoryMiB - used.memoryMiB,
            diskGiB: capacity.diskGiB - used.diskGiB)
    }

    public static func + (lhs: HostFigures, rhs: HostFigures) -> HostFigures {
        HostFigures(capacity: lhs.capacity + rhs.capacity, used: lhs.used + rhs.used,
                    runningServers: lhs.runningServers + rhs.runningServers)
    }
}

/// os-hosts' show (Nova's `hosts.py`): a host's totals, what it uses now, what
/// its servers' flavors add up to, then each project's share, in that order.
public struct LegacyHostReport: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        /// `(total)`, `(used_now)`, `(used_max)` or a project id.
        public var project: String
        public var amounts: ResourceAmounts
    }

    public var hostName: String
    public var lines: [Line]

    init(_ registered: RegisteredHost, servers: [Instance]) {
        var projects: [String] = []
        var shares: [String: ResourceAmounts] = [:]
        for server in servers {
            let flavor = server.flavor
            let share = ResourceAmounts(
                vcpus: flavor.vcpus, memoryMiB: flavor.memoryMiB, diskGiB: flavor.rootDiskGiB + flavor.ephemeralGiB)
            if shares[server.projectID] == nil { projects.append(server.projectID) }
            shares[server.projectID, default: .zero] += share
        }
        let figures = HostFigures(registered)
        hostName = registered.host.name
        lines = [
            Line(project: "(total)", amounts: figures.capacity), Line(project: "(used_now)", amounts: figures.used),
            Line(project: "(used_max)", amounts: projects.reduce(.zero) { $0 + shares[$1]! }),
        ] + projects.map { Line(project: $0, amounts: shares[$0]!) }
    }
}
