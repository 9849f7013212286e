import Foundation
import Hummingbird
import StratusCore

extension ComputeFront {
    /// Nova's os-hosts, up to 2.42 (404 from 2.43, where Nova removed it), and
    /// `os-hypervisors/statistics`, up to 2.87.
    func addLegacyHostRoutes(_ group: RouterGroup<Context>) {
        group.get("os-hosts") { request, context in
            try Self.requireLegacyHosts(context)
            let hosts = try await compute.legacyHosts(try context.caller(), zone: request.query("zone"))
            return try Response.json(["hosts": .array(hosts.map { registered in
                ["host_name": .string(registered.host.name), "service": "compute",
                 "zone": .string(registered.host.availabilityZone ?? "nova")]
            })])
        }
        group.get("os-hosts/:name") { _, context in
            try Self.requireLegacyHosts(context)
            let (host, instances) = try await compute.legacyHost(try context.caller(), name: try context.parameter("name"))
            return try Response.json(["host": .array(render.legacyHostResources(host, instances))])
        }
        group.put("os-hosts/:name") { request, context -> Response in
            try Self.requireLegacyHosts(context)
            let body = try JSONObjectReader(try await request.jsonBody(limit: context.maxUploadSize), field: "")
            try Self.checkLegacyHostUpdate(body)
            try await compute.legacyHostAction(try context.caller(), name: try context.parameter("name"), action: .updateLegacyHost)
        }
        for (path, action) in [("startup", ComputePolicy.Action.startLegacyHost), ("shutdown", .shutdownLegacyHost),
                               ("reboot", .rebootLegacyHost)] {
            group.get(RouterPath("os-hosts/:name/" + path)) { _, context -> Response in
                try Self.requireLegacyHosts(context)
                try await compute.legacyHostAction(try context.caller(), name: try context.parameter("name"), action: action)
            }
        }
        group.get("os-instance_usage_audit_log") { _, context in
            let report = try await compute.usageAuditLog(try context.caller(), .latest)
            return try Response.json(["instance_usage_audit_logs": render.usageAuditLog(report)])
        }
        group.get("os-instance_usage_audit_log/:before") { _, context in
            let text = try context.parameter("before")
            let decoded = text.removingPercentEncoding ?? text
            let period = Self.auditTimestamp(decoded).map(UsageAuditPeriod.before) ?? .unreadable(decoded)
            let report = try await compute.usageAuditLog(try context.caller(), period)
            return try Response.json(["instance_usage_audit_log": render.usageAuditLog(report)])
        }
        group.get("os-hypervisors/statistics") { _, context in
            guard context.computeVersion < Microversion(2, 88) else { throw APIError.notFound() }
            let hosts = try await compute.hostsForStatistics(try context.caller())
            return try Response.json(["hypervisor_statistics": render.hypervisorStatistics(hosts, version: context.computeVersion)])
        }
    }

    /// `%Y-%m-%d %H:%M:%S`, with `.%f` when it has a dot (UTC).
    private static func auditTimestamp(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = text.contains(".") ? "yyyy-MM-dd HH:mm:ss.SSSSSS" : "yyyy-MM-dd HH:mm:ss"
        return formatter.date(from: text)
    }

    private static func requireLegacyHosts(_ context: Context) throws {
        if context.computeVersion >= Microversion(2, 43) { throw APIError.notFound() }
    }

    /// Nova's schema: `status` and/or `maintenance_mode`, each enable or disable.
    private static func checkLegacyHostUpdate(_ body: JSONObjectReader) throws {
        try ServerRequestDecoder.rejectUnknown(body, allowed: ["status", "maintenance_mode"], field: "")
        let choices = ["enable", "disable", "Enable", "Disable", "ENABLE", "DISABLE"]
        for key in ["status", "maintenance_mode"] {
            guard let value = try body.string(key) else { continue }
            guard choices.contains(value) else {
                let listed = "[" + choices.map { "'\($0)'" }.joined(separator: ", ") + "]"
                throw APIError.badRequest("Invalid input for field/attribute \(key). Value: \(value). '\(value)' is not one of \(listed)")
            }
        }
        // Only fields outside the schema could be left, and those were refused above.
        if body.members.isEmpty {
            throw APIError.badRequest("{} is not valid under any of the given schemas")
        }
    }
}

extension ComputeRenderer {
    /// os-hosts' show: the host's totals, what it uses now, what its servers'
    /// flavors add up to, then each project's share.
    func legacyHostResources(_ registered: RegisteredHost, _ instances: [Instance]) -> [JSONValue] {
        let host = registered.host
        let used = host.usage + host.reserved
        func resource(_ project: String, cpu: Int, memory: Int, disk: Int) -> JSONValue {
            ["resource": ["host": .string(host.name), "project": .string(project), "cpu": .int(cpu),
                          "memory_mb": .int(memory), "disk_gb": .int(disk)]]
        }
        var byProject: [(String, (Int, Int, Int))] = []
        for instance in instances {
            let flavor = instance.flavor
            let share = (flavor.vcpus, flavor.memoryMiB, flavor.rootDiskGiB + flavor.ephemeralGiB)
            if let index = byProject.firstIndex(where: { $0.0 == instance.projectID }) {
                let (cpu, memory, disk) = byProject[index].1
                byProject[index].1 = (cpu + share.0, memory + share.1, disk + share.2)
            } else {
                byProject.append((instance.projectID, share))
            }
        }
        let maximum = byProject.reduce((0, 0, 0)) { sum, entry in
            (sum.0 + entry.1.0, sum.1 + entry.1.1, sum.2 + entry.1.2)
        }
        return [
            resource("(total)", cpu: host.capacity.vcpus, memory: host.capacity.memoryMiB, disk: host.capacity.diskGiB),
            resource("(used_now)", cpu: used.vcpus, memory: used.memoryMiB, disk: used.diskGiB),
            resource("(used_max)", cpu: maximum.0, memory: maximum.1, disk: maximum.2),
        ] + byProject.map { resource($0.0, cpu: $0.1.0, memory: $0.1.1, disk: $0.1.2) }
    }

    /// The audit summary: Python's `str(datetime)` for the period, no task logs.
    func usageAuditLog(_ report: UsageAuditReport) -> JSONValue {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        let hosts = report.hostsNotRun.count
        return [
            "period_beginning": .string(formatter.string(from: report.periodBeginning)),
            "period_ending": .string(formatter.string(from: report.periodEnding)),
            "num_hosts": .int(hosts), "num_hosts_done": 0, "num_hosts_running": 0, "num_hosts_not_run": .int(hosts),
            "hosts_not_run": .array(report.hostsNotRun.map(JSONValue.string)), "total_instances": 0,
            "total_errors": 0, "overall_status": .string(report.overallStatus), "log": [:],
        ]
    }

    /// `hypervisor_statistics`: Nova's sums over the enabled hosts of the numbers
    /// each one's detail view shows, and their count.
    func hypervisorStatistics(_ hosts: [RegisteredHost], version: Microversion) -> JSONValue {
        let keys = ["vcpus", "vcpus_used", "memory_mb", "memory_mb_used", "free_ram_mb", "local_gb", "local_gb_used",
                    "free_disk_gb", "disk_available_least", "running_vms", "current_workload"]
        var sums = Dictionary(uniqueKeysWithValues: keys.map { ($0, 0) })
        for host in hosts {
            guard case .object(let fields) = hypervisor(host, version: version, detail: true) else { continue }
            for key in keys { if case .int(let value)? = fields[key] { sums[key, default: 0] += value } }
        }
        var body = sums.mapValues(JSONValue.int)
        body["count"] = .int(hosts.count)
        return .object(body)
    }
}
