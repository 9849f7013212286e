import Foundation
import Hummingbird
import StratusCore

extension ComputeFront {
    /// `GET /os-simple-tenant-usage[/{project_id}]`: `start`, `end` (now when
    /// left out) and, for the list, `detailed=1`; 2.40 pages by server
    /// (`limit`, `marker`, `tenant_usages_links`); 2.75 refuses other parameters.
    func addUsageRoutes(_ group: RouterGroup<Context>) {
        group.get("os-simple-tenant-usage") { request, context in
            let version = context.computeVersion
            try StrictQuery.check(request, version, allowed: Self.usageQuery(version, list: true))
            let window = try Self.usageWindow(request, version)
            let (usages, servers) = try await compute.projectUsages(try context.caller(), window)
            let detailed = request.query("detailed") == "1"
            var body: [String: JSONValue] = ["tenant_usages": .array(usages.map { render.projectUsage($0, detailed: detailed) })]
            if version >= Microversion(2, 40),
               let links = render.nextLinks(request, path: "os-simple-tenant-usage", count: servers.count, lastID: servers.last?.instance.id) {
                body["tenant_usages_links"] = links
            }
            return try Response.json(.object(body))
        }
        group.get("os-simple-tenant-usage/:project") { request, context in
            let version = context.computeVersion
            try StrictQuery.check(request, version, allowed: Self.usageQuery(version, list: false))
            let project = try context.parameter("project")
            let window = try Self.usageWindow(request, version)
            let (usage, servers) = try await compute.projectUsage(try context.caller(), projectID: project, window)
            var body: [String: JSONValue] = ["tenant_usage": usage.map { render.projectUsage($0, detailed: true) } ?? [:]]
            if version >= Microversion(2, 40),
               let links = render.nextLinks(request, path: "os-simple-tenant-usage/\(project)", count: servers.count, lastID: servers.last?.instance.id) {
                body["tenant_usage_links"] = links
            }
            return try Response.json(.object(body))
        }
    }

    private static func usageQuery(_ version: Microversion, list: Bool) -> Set<String> {
        var names: Set<String> = list ? ["start", "end", "detailed"] : ["start", "end"]
        if version >= Microversion(2, 40) { names.formUnion(["limit", "marker"]) }
        return names
    }

    private static func usageWindow(_ request: Request, _ version: Microversion) throws -> ComputeService.UsageWindow {
        var window = ComputeService.UsageWindow(
            start: try usageTime(request.query("start")), end: try usageTime(request.query("end")))
        if version >= Microversion(2, 40) {
            window.limit = try nonNegative(request.query("limit"), "limit").map { min($0, 1000) }
            window.marker = request.query("marker")
        }
        return window
    }

    /// Nova's formats: `%Y-%m-%dT%H:%M:%S`, with `.%f`, or `%Y-%m-%d %H:%M:%S.%f` (UTC).
    static func usageTime(_ text: String?) throws -> Date? {
        guard let text, !text.isEmpty else { return nil }
        let invalid = APIError.badRequest("Invalid datetime string: Datetime is in invalid format")
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let base = String(parts[0])
        guard base.count == 19 else { throw invalid }
        let separator = base[base.index(base.startIndex, offsetBy: 10)]
        guard separator == "T" || (separator == " " && parts.count == 2) else { throw invalid }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = separator == "T" ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd HH:mm:ss"
        guard let date = formatter.date(from: base) else { throw invalid }
        guard parts.count == 2 else { return date }
        let fraction = parts[1]
        guard (1...6).contains(fraction.count), fraction.allSatisfy(\.isASCII), let digits = Int(fraction) else { throw invalid }
        return date.addingTimeInterval(Double(digits) / pow(10, Double(fraction.count)))
    }
}

extension ComputeRenderer {
    /// Nova's `tenant_usage` (its server entries when detailed).
    func projectUsage(_ usage: ProjectUsage, detailed: Bool) -> JSONValue {
        var fields: [String: JSONValue] = [
            "tenant_id": .string(usage.projectID), "total_hours": .double(usage.totalHours),
            "total_vcpus_usage": .double(usage.totalVCPUsUsage), "total_memory_mb_usage": .double(usage.totalMemoryMiBUsage),
            "total_local_gb_usage": .double(usage.totalLocalGiBUsage),
            "start": .string(UTCTimestamp.pythonISO(usage.start)), "stop": .string(UTCTimestamp.pythonISO(usage.stop)),
        ]
        if detailed { fields["server_usages"] = .array(usage.servers.map(serverUsage)) }
        return .object(fields)
    }

    func serverUsage(_ usage: ServerUsage) -> JSONValue {
        let flavor = usage.instance.flavor
        return [
            "instance_id": .string(usage.instance.id), "name": .string(usage.instance.name),
            "tenant_id": .string(usage.instance.projectID), "flavor": .string(flavor.name),
            "hours": .double(usage.hours), "memory_mb": .int(flavor.memoryMiB), "local_gb": .int(usage.localGiB),
            "vcpus": .int(flavor.vcpus), "started_at": .string(UTCTimestamp.pythonISO(usage.startedAt)),
            "ended_at": usage.endedAt.map { .string(UTCTimestamp.pythonISO($0)) } ?? .null,
            "state": .string(usage.state), "uptime": .int(usage.uptimeSeconds),
        ]
    }
}
