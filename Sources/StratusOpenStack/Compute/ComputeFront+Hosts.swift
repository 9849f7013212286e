import Foundation
import Hummingbird
import StratusCore

extension ComputeFront {
    /// `os-services` (compute services only) and `os-hypervisors`, admin only.
    func addHostRoutes(_ group: RouterGroup<Context>) {
        group.get("os-services") { request, context in
            var hosts = try await compute.listHosts(try context.caller(), action: .listServices)
            if let binary = request.query("binary"), binary != "nova-compute" { hosts = [] }
            if let name = request.query("host") { hosts = hosts.filter { $0.host.name == name } }
            return try Response.json(["services": .array(hosts.map(render.service))])
        }
        group.get("os-hypervisors") { _, context in
            let hosts = try await compute.listHosts(try context.caller(), action: .listHypervisors)
            return try Response.json(["hypervisors": .array(hosts.map(render.hypervisorSummary))])
        }
        group.get("os-hypervisors/detail") { _, context in
            let hosts = try await compute.listHosts(try context.caller(), action: .listHypervisorsDetail)
            return try Response.json(["hypervisors": .array(hosts.map(render.hypervisor))])
        }
        // Below 2.88 clients fetch uptime separately, in `uptime`'s format.
        // Simulated hosts live on this machine, so its uptime and load are theirs.
        group.get("os-hypervisors/:id/uptime") { _, context in
            guard let number = Int(try context.parameter("id")) else {
                throw APIError.badRequest("Hypervisor ID is not a valid integer.")
            }
            let host = try await compute.getHost(try context.caller(), number: number)
            guard case .object(var fields) = render.hypervisorSummary(host) else { return Response.empty(.ok) }
            fields["uptime"] = .string(MachineUptime.text(now: Date()))
            return try Response.json(["hypervisor": .object(fields)])
        }
        group.get("os-hypervisors/:id") { _, context in
            let text = try context.parameter("id")
            guard let number = Int(text) else {
                throw APIError.badRequest("Hypervisor ID \(text) is not a valid integer.")
            }
            let host = try await compute.getHost(try context.caller(), number: number)
            return try Response.json(["hypervisor": render.hypervisor(host)])
        }
    }
}

extension ComputeRenderer {
    func state(_ host: RegisteredHost) -> JSONValue {
        host.isUp ? "up" : "down"
    }

    func service(_ host: RegisteredHost) -> JSONValue {
        [
            "id": .int(host.number), "binary": "nova-compute", "host": .string(host.host.name),
            "zone": .string(host.host.availabilityZone ?? "nova"), "status": host.host.enabled ? "enabled" : "disabled",
            "state": state(host), "disabled_reason": nil,
            "updated_at": .string(Self.novaTimestamp(host.host.lastHeartbeat)),
        ]
    }

    func hypervisorSummary(_ host: RegisteredHost) -> JSONValue {
        [
            "id": .int(host.number), "hypervisor_hostname": .string(host.host.name),
            "state": state(host), "status": host.host.enabled ? "enabled" : "disabled",
        ]
    }

    func hypervisor(_ registered: RegisteredHost) -> JSONValue {
        let host = registered.host
        let used = host.usage + host.reserved
        guard case .object(var fields) = hypervisorSummary(registered) else { return [:] }
        fields.merge([
            "hypervisor_type": .string(registered.hypervisorType), "hypervisor_version": 1000,
            "vcpus": .int(host.capacity.vcpus), "vcpus_used": .int(used.vcpus),
            "memory_mb": .int(host.capacity.memoryMiB), "memory_mb_used": .int(used.memoryMiB),
            "free_ram_mb": .int(host.capacity.memoryMiB - used.memoryMiB),
            "local_gb": .int(host.capacity.diskGiB), "local_gb_used": .int(used.diskGiB),
            "free_disk_gb": .int(host.capacity.diskGiB - used.diskGiB),
            "disk_available_least": .int(host.capacity.diskGiB - used.diskGiB),
            "running_vms": .int(registered.claimCount), "current_workload": 0, "host_ip": "127.0.0.1",
            "cpu_info": "{}",
            "service": ["host": .string(host.name), "id": .int(registered.number), "disabled_reason": nil],
        ]) { _, new in new }
        return .object(fields)
    }

    /// Nova's 2.1 timestamps: microseconds, no zone designator.
    static func novaTimestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSSSSS"
        return formatter.string(from: date)
    }
}

extension ComputeFront {
    /// `os-availability-zone[/detail]` and `os-aggregates`.
    func addZoneRoutes(_ group: RouterGroup<Context>) {
        for (path, detail) in [("os-availability-zone", false), ("os-availability-zone/detail", true)] {
            group.get(RouterPath(path)) { _, context in
                let zones = try await compute.listZones(try context.caller(), detail: detail)
                return try Response.json(["availabilityZoneInfo": .array(zones.map { render.zone($0, detail: detail) })])
            }
        }
        group.get("os-aggregates") { _, context in
            _ = try await compute.listAggregates(try context.caller())
            return try Response.json(["aggregates": []])
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
