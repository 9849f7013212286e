import Foundation
import Hummingbird
import StratusCore

extension ComputeFront {
    /// `os-services` (compute services only) and `os-hypervisors`, admin only.
    /// 2.11 shows `forced_down`, 2.28 `cpu_info` as an object, 2.33 pages
    /// hypervisors, 2.53 names both by UUID and folds the search and servers
    /// routes into query parameters.
    func addHostRoutes(_ group: RouterGroup<Context>) {
        group.get("os-services") { request, context in
            try StrictQuery.check(request, context.computeVersion, allowed: StrictQuery.serviceList)
            var hosts = try await compute.listHosts(try context.caller(), action: .listServices)
            if let binary = request.query("binary"), binary != "nova-compute" { hosts = [] }
            if let name = request.query("host") { hosts = hosts.filter { $0.host.name == name } }
            return try Response.json(["services": .array(hosts.map { render.service($0, version: context.computeVersion) })])
        }
        group.delete("os-services/:id") { _, context in
            try await compute.deleteHost(
                try context.caller(), serviceID: try context.parameter("id"),
                byUUID: context.computeVersion >= Microversion(2, 53))
            return Response.empty(.noContent)
        }
        group.get("os-hypervisors") { request, context in
            try await listHypervisors(request, context, detail: false)
        }
        group.get("os-hypervisors/detail") { request, context in
            try await listHypervisors(request, context, detail: true)
        }
        // Below 2.88 clients fetch uptime separately, in `uptime`'s format.
        // Simulated hosts live on this machine, so its uptime and load are theirs.
        group.get("os-hypervisors/:id/uptime") { _, context in
            let version = context.computeVersion
            let host = try await compute.getHost(
                try context.caller(), id: try context.parameter("id"), byUUID: version >= Microversion(2, 53))
            guard case .object(var fields) = render.hypervisor(host, version: version, detail: false) else {
                return Response.empty(.ok)
            }
            fields["uptime"] = .string(MachineUptime.text(now: Date()))
            return try Response.json(["hypervisor": .object(fields)])
        }
        // Before 2.53: hypervisors whose name contains a pattern, with or without their servers.
        for (suffix, withServers) in [("search", false), ("servers", true)] {
            group.get(RouterPath("os-hypervisors/:id/\(suffix)")) { _, context in
                let version = context.computeVersion
                guard version < Microversion(2, 53) else { throw APIError.notFound() }
                let hosts = try await matchingHosts(try context.caller(), try context.parameter("id"))
                var items: [JSONValue] = []
                for host in hosts {
                    guard case .object(var fields) = render.hypervisor(host, version: version, detail: false) else { continue }
                    if withServers {
                        let servers = try await compute.serversOnHost(try context.caller(), host)
                        if !servers.isEmpty { fields["servers"] = render.hostedServers(servers) }
                    }
                    items.append(.object(fields))
                }
                return try Response.json(["hypervisors": .array(items)])
            }
        }
        group.get("os-hypervisors/:id") { request, context in
            let version = context.computeVersion
            let caller = try context.caller()
            let host = try await compute.getHost(caller, id: try context.parameter("id"), byUUID: version >= Microversion(2, 53))
            guard case .object(var fields) = render.hypervisor(host, version: version, detail: true) else {
                return Response.empty(.ok)
            }
            if try Self.withServers(request, version) {
                let servers = try await compute.serversOnHost(caller, host)
                // 2.75: asked for, the list is there even when empty.
                if !servers.isEmpty || version >= Microversion(2, 75) { fields["servers"] = render.hostedServers(servers) }
            }
            return try Response.json(["hypervisor": .object(fields)])
        }
    }

    private func listHypervisors(_ request: Request, _ context: Context, detail: Bool) async throws -> Response {
        let version = context.computeVersion
        let caller = try context.caller()
        var hosts = try await compute.listHosts(caller, action: detail ? .listHypervisorsDetail : .listHypervisors)
        let pattern = version >= Microversion(2, 53) ? request.query("hypervisor_hostname_pattern") : nil
        let withServers = try Self.withServers(request, version)
        var paged = version >= Microversion(2, 33)
        if let pattern {
            if request.query("limit") != nil || request.query("marker") != nil {
                throw APIError.badRequest("Paging over hypervisors with the hypervisor_hostname_pattern query parameter is not supported.")
            }
            hosts = try await matchingHosts(caller, pattern)
            paged = false
        } else if paged {
            if let marker = request.query("marker") {
                let id = { (host: RegisteredHost) in version >= Microversion(2, 53) ? host.hypervisorUUID : String(host.number) }
                guard let index = hosts.firstIndex(where: { id($0) == marker }) else {
                    throw APIError.badRequest("marker [\(marker)] not found")
                }
                hosts = Array(hosts[(index + 1)...])
            }
            hosts = Array(hosts.prefix(min(try Self.nonNegative(request.query("limit"), "limit") ?? 1000, 1000)))
        }
        var items: [JSONValue] = []
        for host in hosts {
            guard case .object(var fields) = render.hypervisor(host, version: version, detail: detail) else { continue }
            if withServers {
                let servers = try await compute.serversOnHost(caller, host)
                if !servers.isEmpty || version >= Microversion(2, 75) { fields["servers"] = render.hostedServers(servers) }
            }
            items.append(.object(fields))
        }
        var body: [String: JSONValue] = ["hypervisors": .array(items)]
        let path = detail ? "os-hypervisors/detail" : "os-hypervisors"
        if paged, let links = render.nextLinks(request, path: path, count: items.count, lastID: items.last?["id"].map(Self.plain)) {
            body["hypervisors_links"] = links
        }
        return try Response.json(.object(body))
    }

    /// Nova's hostname search is a substring match; no match is a 404.
    private func matchingHosts(_ caller: Caller, _ pattern: String) async throws -> [RegisteredHost] {
        let hosts = try await compute.listHosts(caller, action: .listHypervisors).filter { $0.host.name.contains(pattern) }
        guard !hosts.isEmpty else { throw APIError.notFound("No hypervisor matching '\(pattern)' could be found.") }
        return hosts
    }

    /// 2.53's `with_servers`, a strict boolean.
    static func withServers(_ request: Request, _ version: Microversion) throws -> Bool {
        guard version >= Microversion(2, 53), let text = request.query("with_servers") else { return false }
        switch text.lowercased() {
        case "true", "1", "on", "yes", "t", "y": return true
        case "false", "0", "off", "no", "f", "n": return false
        default:
            throw APIError.badRequest("Invalid input for query parameters with_servers. Value: \(text). '\(text)' is not one of ['True', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes', 'False', 'false', '0', 'OFF', 'Off', 'off', 'NO', 'No', 'no']")
        }
    }

    static func plain(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .int(let number): String(number)
        default: "\(value)"
        }
    }
}

extension ComputeRenderer {
    func state(_ host: RegisteredHost) -> JSONValue {
        host.isUp ? "up" : "down"
    }

    func service(_ host: RegisteredHost, version: Microversion) -> JSONValue {
        var fields: [String: JSONValue] = [
            "id": version >= Microversion(2, 53) ? .string(host.serviceUUID) : .int(host.number),
            "binary": "nova-compute", "host": .string(host.host.name),
            "zone": .string(host.host.availabilityZone ?? "nova"), "status": host.host.enabled ? "enabled" : "disabled",
            "state": state(host), "disabled_reason": nil,
            "updated_at": .string(Self.novaTimestamp(host.host.lastHeartbeat)),
        ]
        // Nothing can force a Stratus host down: its state is its heartbeat.
        if version >= Microversion(2, 11) { fields["forced_down"] = false }
        return .object(fields)
    }

    func hypervisor(_ registered: RegisteredHost, version: Microversion, detail: Bool) -> JSONValue {
        let host = registered.host
        let byUUID = version >= Microversion(2, 53)
        var fields: [String: JSONValue] = [
            "id": byUUID ? .string(registered.hypervisorUUID) : .int(registered.number),
            "hypervisor_hostname": .string(host.name),
            "state": state(registered), "status": host.enabled ? "enabled" : "disabled",
        ]
        guard detail else { return .object(fields) }
        fields.merge(hostFigureFields(HostFigures(registered))) { _, new in new }
        fields.merge([
            "hypervisor_type": .string(registered.hypervisorType), "hypervisor_version": 1000, "host_ip": "127.0.0.1",
            "service": [
                "host": .string(host.name), "disabled_reason": nil,
                "id": byUUID ? .string(registered.serviceUUID) : .int(registered.number),
            ],
            // Simulated hosts report no CPU model: Nova's empty cpu_info, a
            // JSON string below 2.28 and the object it encodes from 2.28.
            "cpu_info": version >= Microversion(2, 28) ? [:] : "{}",
        ]) { _, new in new }
        return .object(fields)
    }

    /// The resource fields of a hypervisor's detail view (and of the statistics).
    func hostFigureFields(_ figures: HostFigures) -> [String: JSONValue] {
        [
            "vcpus": .int(figures.capacity.vcpus), "vcpus_used": .int(figures.used.vcpus),
            "memory_mb": .int(figures.capacity.memoryMiB), "memory_mb_used": .int(figures.used.memoryMiB),
            "free_ram_mb": .int(figures.free.memoryMiB),
            "local_gb": .int(figures.capacity.diskGiB), "local_gb_used": .int(figures.used.diskGiB),
            "free_disk_gb": .int(figures.free.diskGiB), "disk_available_least": .int(figures.free.diskGiB),
            "running_vms": .int(figures.runningServers), "current_workload": 0,
        ]
    }

    /// `servers` of a hypervisor: name and uuid of each.
    func hostedServers(_ servers: [Instance]) -> JSONValue {
        .array(servers.map { ["name": .string($0.name), "uuid": .string($0.id)] })
    }

    /// Nova's 2.1 timestamps: microseconds, no zone designator.
    static func novaTimestamp(_ date: Date) -> String { UTCTimestamp.microseconds(date) }
}

extension ComputeFront {
    /// `os-availability-zone[/detail]`.
    func addZoneRoutes(_ group: RouterGroup<Context>) {
        for (path, detail) in [("os-availability-zone", false), ("os-availability-zone/detail", true)] {
            group.get(RouterPath(path)) { _, context in
                let zones = try await compute.listZones(try context.caller(), detail: detail)
                return try Response.json(["availabilityZoneInfo": .array(zones.map { render.zone($0, detail: detail) })])
            }
        }
    }
}

extension ComputeRenderer {
    func zone(_ zone: AvailabilityZone, detail: Bool) -> JSONValue {
        var hosts: JSONValue = nil
        if detail {
            var byName: [String: JSONValue] = [:]
            for registered in zone.hosts {
                byName[registered.host.name] = ["nova-compute": [
                    "available": .bool(registered.isUp),
                    "active": .bool(registered.host.enabled),
                    "updated_at": .string(Self.novaTimestamp(registered.host.lastHeartbeat)),
                ]]
            }
            hosts = .object(byName)
        }
        return ["zoneName": .string(zone.name), "zoneState": ["available": .bool(zone.available)], "hosts": hosts]
    }
}
