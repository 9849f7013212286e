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
            let report = try await compute.legacyHost(try context.caller(), name: try context.parameter("name"))
            return try Response.json(["host": .array(render.legacyHostResources(report))])
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
            let (count, totals) = try await compute.hypervisorStatistics(try context.caller())
            return try Response.json(["hypervisor_statistics": render.hypervisorStatistics(count: count, totals: totals)])
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
    /// os-hosts' show, one `resource` per line of the report.
    func legacyHostResources(_ report: LegacyHostReport) -> [JSONValue] {
        report.lines.map { line in
            ["resource": ["host": .string(report.hostName), "project": .string(line.project),
                          "cpu": .int(line.amounts.vcpus), "memory_mb": .int(line.amounts.memoryMiB),
                          "disk_gb": .int(line.amounts.diskGiB)]]
        }
    }

    /// The audit summary: Python's `str(datetime)` for the period, no task logs.
    func usageAuditLog(_ report: UsageAuditReport) -> JSONValue {
        let hosts = report.hostsNotRun.count
        return [
            "period_beginning": .string(UTCTimestamp.pythonSpaced(report.periodBeginning)),
            "period_ending": .string(UTCTimestamp.pythonSpaced(report.periodEnding)),
            "num_hosts": .int(hosts), "num_hosts_done": 0, "num_hosts_running": 0, "num_hosts_not_run": .int(hosts),
            "hosts_not_run": .array(report.hostsNotRun.map(JSONValue.string)), "total_instances": 0,
            "total_errors": 0, "overall_status": .string(report.overallStatus), "log": [:],
        ]
    }

    /// `hypervisor_statistics`: the detail view's figures, summed, and the count.
    func hypervisorStatistics(count: Int, totals: HostFigures) -> JSONValue {
        var body = hostFigureFields(totals)
        body["count"] = .int(count)
        return .object(body)
    }
}
