import Foundation
import HTTPTypes
import StratusAgent
import StratusCore
import StratusOpenStack
import Testing

/// The administrators' reports tempest calls: os-hosts (below 2.43), hypervisor
/// statistics, the usage audit log and simple tenant usage, in Nova's shapes.
@Suite("Compute over HTTP: hosts, statistics and usage reports")
struct ComputeAdminReportsHTTPTests {
    @Test func legacyHostsListShowAndRefuseWhatHostsCannotDo() async throws {
        try await MicroversionCloud.run { cloud in
            let id = try await cloud.createServer()
            try await cloud.converge()
            let list = try await cloud.send(.get, "/os-hosts", token: cloud.admin)
            #expect(list.json == ["hosts": [["host_name": "sim-1", "service": "compute", "zone": "nova"]]])
            #expect(try await cloud.send(.get, "/os-hosts?zone=nova", token: cloud.admin).json == list.json)
            #expect(try await cloud.send(.get, "/os-hosts?zone=", token: cloud.admin).json == list.json)
            #expect(try await cloud.send(.get, "/os-hosts?zone=xxx", token: cloud.admin).json == ["hosts": []])
            #expect(try await cloud.send(.get, "/os-hosts").status == .forbidden)
            #expect(try await cloud.send(.get, "/os-hosts", token: cloud.admin, at: "2.43").status == .notFound)

            let show = try await cloud.send(.get, "/os-hosts/sim-1", token: cloud.admin)
            let resources = try #require(show.json?["host"]?.arrayValue?.compactMap { $0["resource"] })
            #expect(resources.map { $0["project"] } == ["(total)", "(used_now)", "(used_max)",
                                                       .string(try await cloud.show(id, at: "2.1")["tenant_id"]?.stringValue ?? "")])
            #expect(resources[0]["cpu"] == .int(SimulatedHosts.capacity.vcpus))
            #expect(resources[2]["memory_mb"] == 512, "flavor 1's memory")
            #expect(resources.allSatisfy { $0["host"] == "sim-1" })
            let missing = try await cloud.send(.get, "/os-hosts/nowhere", token: cloud.admin)
            #expect(missing.json?["itemNotFound"]?["message"] == "Compute host nowhere could not be found.")

            // Nothing a Stratus host can do: Nova's 501, after the schema, the policy and the host.
            let update = try await cloud.send(.put, "/os-hosts/sim-1", token: cloud.admin, json: ["status": "enable"])
            #expect(update.status == .notImplemented)
            #expect(update.json?["notImplemented"]?["message"] == "The requested functionality is not supported.")
            let invalid = try await cloud.send(.put, "/os-hosts/sim-1", token: cloud.admin, json: ["status": "invalid"])
            #expect(invalid.status == .badRequest)
            let empty = try await cloud.send(.put, "/os-hosts/sim-1", token: cloud.admin, json: [:])
            #expect(empty.json?["badRequest"]?["message"] == "{} is not valid under any of the given schemas")
            #expect(try await cloud.send(.put, "/os-hosts/sim-1", json: ["status": "enable"]).status == .forbidden)
            let nowhere = try await cloud.send(.put, "/os-hosts/nowhere", token: cloud.admin, json: ["maintenance_mode": "enable"])
            #expect(nowhere.json?["itemNotFound"]?["message"] == "Host nowhere could not be found.")
            for action in ["startup", "shutdown", "reboot"] {
                #expect(try await cloud.send(.get, "/os-hosts/sim-1/\(action)", token: cloud.admin).status == .notImplemented)
                #expect(try await cloud.send(.get, "/os-hosts/nowhere/\(action)", token: cloud.admin).status == .notFound)
                #expect(try await cloud.send(.get, "/os-hosts/sim-1/\(action)").status == .forbidden)
            }
        }
    }

    @Test func hypervisorStatisticsSumTheDetailViews() async throws {
        try await MicroversionCloud.run { cloud in
            _ = try await cloud.createServer()
            try await cloud.converge()
            let stats = try await cloud.send(.get, "/os-hypervisors/statistics", token: cloud.admin)
            let detail = try await cloud.send(.get, "/os-hypervisors/detail", token: cloud.admin)
            let host = try #require(detail.json?["hypervisors"]?.arrayValue?.first)
            let sums = try #require(stats.json?["hypervisor_statistics"]?.objectValue)
            #expect(sums["count"] == 1)
            for key in ["vcpus", "vcpus_used", "memory_mb_used", "free_disk_gb", "running_vms"] {
                #expect(sums[key] == host[key], "\(key)")
            }
            #expect(sums["running_vms"] == 1)
            #expect(try await cloud.send(.get, "/os-hypervisors/statistics").status == .forbidden)
        }
    }

    @Test func theUsageAuditLogReportsThatNoAuditRan() async throws {
        try await MicroversionCloud.run { cloud in
            let list = try await cloud.send(.get, "/os-instance_usage_audit_log", token: cloud.admin)
            let log = try #require(list.json?["instance_usage_audit_logs"])
            #expect(log["num_hosts"] == 1 && log["num_hosts_not_run"] == 1 && log["num_hosts_done"] == 0)
            #expect(log["hosts_not_run"] == ["sim-1"])
            #expect(log["overall_status"] == "0 of 1 hosts done. 0 errors.")
            let show = try await cloud.send(.get, "/os-instance_usage_audit_log/2026-03-15%2010:00:00", token: cloud.admin)
            #expect(show.json?["instance_usage_audit_log"]?["period_beginning"] == "2026-02-01 00:00:00")
            #expect(show.json?["instance_usage_audit_log"]?["period_ending"] == "2026-03-01 00:00:00")
            let bad = try await cloud.send(.get, "/os-instance_usage_audit_log/invalid_time", token: cloud.admin)
            #expect(bad.json?["badRequest"]?["message"] == "Invalid timestamp for date invalid_time")
            #expect(try await cloud.send(.get, "/os-instance_usage_audit_log").status == .forbidden)
            #expect(try await cloud.send(.get, "/os-instance_usage_audit_log/invalid_time").status == .forbidden)
        }
    }

    @Test func theAuditPeriodIsTheLastCompletedMonth() {
        func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
        let (begin, end) = UsageAuditReport.lastCompletedMonth(before: date("2026-01-10T00:00:00Z"))
        #expect(begin == date("2025-12-01T00:00:00Z") && end == date("2026-01-01T00:00:00Z"))
        let (onTheFirst, endOnTheFirst) = UsageAuditReport.lastCompletedMonth(before: date("2026-03-01T00:00:00Z"))
        #expect(onTheFirst == date("2026-01-01T00:00:00Z") && endOnTheFirst == date("2026-02-01T00:00:00Z"))
    }

    @Test func simpleTenantUsageCountsTheHoursServersRan() async throws {
        try await MicroversionCloud.run { cloud in
            let id = try await cloud.createServer()
            try await cloud.converge()
            let server = try await cloud.show(id, at: "2.1")
            let project = try #require(server["tenant_id"]?.stringValue)
            let start = "2020-01-01T00:00:00", end = "2099-01-01T00:00:00.5"
            let list = try await cloud.send(.get, "/os-simple-tenant-usage?start=\(start)&end=\(end)&detailed=1", token: cloud.admin)
            let usage = try #require(list.json?["tenant_usages"]?.arrayValue?.first?.objectValue)
            #expect(Set(usage.keys) == ["tenant_id", "server_usages", "total_local_gb_usage", "total_vcpus_usage",
                                        "total_memory_mb_usage", "total_hours", "start", "stop"])
            #expect(usage["tenant_id"] == .string(project))
            #expect(usage["start"] == "2020-01-01T00:00:00")
            let entry = try #require(usage["server_usages"]?.arrayValue?.first)
            #expect(entry["instance_id"] == .string(id) && entry["state"] == "active" && entry["ended_at"] == .null)
            #expect(entry["flavor"] == "m1.tiny" && entry["memory_mb"] == 512 && entry["vcpus"] == 1)
            guard case .double(let hours)? = entry["hours"] else { Issue.record("hours is a number"); return }
            #expect(hours >= 0 && hours < 0.1, "it has just launched")
            let summary = try await cloud.send(.get, "/os-simple-tenant-usage?start=\(start)&end=\(end)", token: cloud.admin)
            #expect(summary.json?["tenant_usages"]?.arrayValue?.first?["server_usages"] == nil, "detailed=1 only")

            let mine = try await cloud.send(.get, "/os-simple-tenant-usage/\(project)?start=\(start)&end=\(end)")
            #expect(mine.json?["tenant_usage"]?["server_usages"]?.arrayValue?.count == 1)
            let empty = try await cloud.send(.get, "/os-simple-tenant-usage/?start=\(start)&end=\(end)", token: cloud.admin)
            #expect(empty.status == .notFound, "an empty project id")
            let nobody = try await cloud.send(.get, "/os-simple-tenant-usage/nobody?start=\(start)&end=\(end)", token: cloud.admin)
            #expect(nobody.json == ["tenant_usage": [:]])
            #expect(try await cloud.send(.get, "/os-simple-tenant-usage?start=\(start)&end=\(end)").status == .forbidden)
            #expect(try await cloud.send(.get, "/os-simple-tenant-usage/nobody").status == .forbidden)
            let inverted = try await cloud.send(.get, "/os-simple-tenant-usage/\(project)?start=\(end)&end=\(start)", token: cloud.admin)
            #expect(inverted.json?["badRequest"]?["message"] == "Invalid start time. The start time cannot occur after the end time.")
            let garbled = try await cloud.send(.get, "/os-simple-tenant-usage?start=yesterday", token: cloud.admin)
            #expect(garbled.json?["badRequest"]?["message"] == "Invalid datetime string: Datetime is in invalid format")

            // Deleted servers count for the hours they ran.
            #expect(try await cloud.send(.delete, "/servers/\(id)").status == .noContent)
            try await cloud.converge()
            let after = try await cloud.send(.get, "/os-simple-tenant-usage/\(project)?start=\(start)&end=\(end)", token: cloud.admin)
            #expect(after.json?["tenant_usage"]?["server_usages"]?.arrayValue?.first?["state"] == "terminated")
            // 2.40 pages by server; 2.75 knows only its own parameters.
            let page = try await cloud.send(.get, "/os-simple-tenant-usage?start=\(start)&end=\(end)&limit=1", token: cloud.admin, at: "2.40")
            #expect(page.json?["tenant_usages_links"]?.arrayValue?.first?["rel"] == "next")
            let next = try await cloud.send(.get, "/os-simple-tenant-usage?start=\(start)&end=\(end)&limit=1&marker=\(id)", token: cloud.admin, at: "2.40")
            #expect(next.json?["tenant_usages"] == [])
            let strict = try await cloud.send(.get, "/os-simple-tenant-usage?start=\(start)&foo=1", token: cloud.admin, at: "2.75")
            #expect(strict.status == .badRequest)
        }
    }
}

/// os-quota-class-sets: the `default` class is every project's defaults.
@Suite("Compute over HTTP: quota classes")
struct QuotaClassHTTPTests {
    @Test func theDefaultClassSetsEveryProjectsDefaults() async throws {
        try await MicroversionCloud.run { cloud in
            let shown = try await cloud.send(.get, "/os-quota-class-sets/default", token: cloud.admin, at: "2.57")
            let before = try #require(shown.json?["quota_class_set"]?.objectValue)
            #expect(before["id"] == "default" && before["instances"] == 10 && before["injected_files"] == nil)
            #expect(before["server_groups"] != nil && before["floating_ips"] == nil)
            let old = try await cloud.send(.get, "/os-quota-class-sets/default", token: cloud.admin, at: "2.1")
            #expect(old.json?["quota_class_set"]?["floating_ips"] == -1 && old.json?["quota_class_set"]?["server_groups"] == nil)

            let update = try await cloud.send(.put, "/os-quota-class-sets/default", token: cloud.admin, at: "2.57",
                                              json: ["quota_class_set": ["instances": 110, "cores": 120]])
            #expect(update.json?["quota_class_set"]?["instances"] == 110)
            #expect(update.json?["quota_class_set"]?["id"] == nil, "Nova's update names no class")
            // Every project without its own limit now has the new default.
            let demo = try await cloud.send(.get, "/os-quota-sets/demo/defaults", token: cloud.admin)
            #expect(demo.json?["quota_set"]?["instances"] == 110)
            let limits = try await cloud.send(.get, "/limits")
            #expect(limits.json?["limits"]?["absolute"]?["maxTotalInstances"] == 110)
            // Below 2.50 the network quotas are a class's too.
            let network = try await cloud.send(.put, "/os-quota-class-sets/default", token: cloud.admin, at: "2.1",
                                               json: ["quota_class_set": ["floating_ips": 99]])
            #expect(network.json?["quota_class_set"]?["floating_ips"] == 99)

            let unknown = try await cloud.send(.put, "/os-quota-class-sets/default", token: cloud.admin, at: "2.57",
                                               json: ["quota_class_set": ["floating_ips": 5]])
            #expect(unknown.status == .badRequest, "network quotas left at 2.50")
            let negative = try await cloud.send(.put, "/os-quota-class-sets/default", token: cloud.admin,
                                                json: ["quota_class_set": ["instances": -2]])
            #expect(negative.status == .badRequest)
            #expect(try await cloud.send(.get, "/os-quota-class-sets/default").status == .forbidden)
            #expect(try await cloud.send(.put, "/os-quota-class-sets/default",
                                         json: ["quota_class_set": ["instances": 1]]).status == .forbidden)
            let after = try await cloud.send(.get, "/os-quota-class-sets/default", token: cloud.admin, at: "2.57")
            #expect(after.json?["quota_class_set"]?["instances"] == 110, "refused updates changed nothing")
        }
    }
}

@Suite("Compute over HTTP: injectNetworkInfo")
struct InjectNetworkInfoHTTPTests {
    @Test func administratorsMayAskAndNothingChanges() async throws {
        try await MicroversionCloud.run { cloud in
            let id = try await cloud.createServer()
            try await cloud.converge()
            let before = try await cloud.show(id, token: cloud.admin, at: "2.1")
            let reply = try await cloud.send(.post, "/servers/\(id)/action", token: cloud.admin, json: ["injectNetworkInfo": nil])
            #expect(reply.status == .accepted)
            #expect(try await cloud.show(id, token: cloud.admin, at: "2.1") == before)
            let member = try await cloud.send(.post, "/servers/\(id)/action", json: ["injectNetworkInfo": nil])
            #expect(member.status == .forbidden)
            let missing = try await cloud.send(.post, "/servers/00000000-0000-4000-8000-000000000000/action",
                                               token: cloud.admin, json: ["injectNetworkInfo": nil])
            #expect(missing.status == .notFound)
        }
    }
}
