import Foundation
import Hummingbird
import StratusCore

extension ComputeFront {
    /// `/os-quota-sets/{project_id}[/detail|/defaults]` and `/limits`.
    func addQuotaRoutes(_ group: RouterGroup<Context>) {
        group.get("os-quota-sets/:id") { _, context in
            let project = try context.parameter("id")
            let quotas = try await compute.quotas(try context.caller(), projectID: project)
            return try Response.json(["quota_set": Self.quotaSet(quotas, id: project, version: context.computeVersion)])
        }
        group.get("os-quota-sets/:id/defaults") { _, context in
            let project = try context.parameter("id")
            let quotas = try compute.defaultQuotas(try context.caller(), projectID: project)
            return try Response.json(["quota_set": Self.quotaSet(quotas, id: project, version: context.computeVersion)])
        }
        group.get("os-quota-sets/:id/detail") { _, context in
            let project = try context.parameter("id")
            let caller = try context.caller()
            let quotas = try await compute.quotas(caller, projectID: project)
            let usage = try await compute.quotaUsage(caller, projectID: project)
            let used = ["instances": usage.instances, "cores": usage.cores, "ram": usage.ramMiB]
            guard case .object(var fields) = Self.quotaSet(quotas, id: project, version: context.computeVersion) else {
                return Response.empty(.ok)
            }
            for (key, value) in fields where key != "id" {
                fields[key] = ["limit": value, "in_use": .int(used[key] ?? 0), "reserved": 0]
            }
            return try Response.json(["quota_set": .object(fields)])
        }
        group.put("os-quota-sets/:id") { request, context in
            let project = try context.parameter("id")
            let body = try JSONObjectReader(try await request.jsonBody(limit: context.maxUploadSize)["quota_set"], field: "quota_set")
            var limits: [String: Int] = [:]
            for key in body.members.keys where key != "force" {
                limits[key] = try body.integer(key)
            }
            let quotas = try await compute.updateQuotas(try context.caller(), projectID: project, limits)
            guard case .object(var fields) = Self.quotaSet(quotas, id: project, version: context.computeVersion) else {
                return Response.empty(.ok)
            }
            fields["id"] = nil
            return try Response.json(["quota_set": .object(fields)])
        }
        group.delete("os-quota-sets/:id") { _, context in
            try await compute.deleteQuotas(try context.caller(), projectID: try context.parameter("id"))
            return Response.empty(.accepted)
        }
        group.get("limits") { _, context in
            let (limits, usage, _) = try await compute.limits(try context.caller())
            var absolute: [String: JSONValue] = [
                "maxServerMeta": .int(limits.metadataItems), "maxPersonality": .int(limits.injectedFiles),
                "maxPersonalitySize": .int(limits.injectedFileContentBytes), "maxTotalKeypairs": .int(limits.keyPairs),
                "maxServerGroups": .int(limits.serverGroups), "maxServerGroupMembers": .int(limits.serverGroupMembers),
                "maxTotalCores": .int(limits.cores), "maxTotalInstances": .int(limits.instances),
                "maxTotalRAMSize": .int(limits.ramMiB), "totalCoresUsed": .int(usage.cores),
                "totalInstancesUsed": .int(usage.instances), "totalRAMUsed": .int(usage.ramMiB),
                "totalServerGroupsUsed": 0,
            ]
            // Removed at 2.36 (network proxies) and 2.39 (image metadata); present at 2.1.
            if context.computeVersion < Microversion(2, 36) {
                absolute.merge([
                    "maxSecurityGroups": -1, "maxSecurityGroupRules": -1, "maxTotalFloatingIps": -1,
                    "totalFloatingIpsUsed": 0, "totalSecurityGroupsUsed": 0,
                ]) { _, new in new }
            }
            if context.computeVersion < Microversion(2, 39) { absolute["maxImageMeta"] = 128 }
            return try Response.json(["limits": ["rate": [], "absolute": .object(absolute)]])
        }
    }

    /// Nova's quota_set at this microversion: the network quotas until 2.36,
    /// the injected-file quotas until 2.57.
    static func quotaSet(_ quotas: QuotaSet, id: String, version: Microversion) -> JSONValue {
        var fields: [String: JSONValue] = ["id": .string(id)]
        for (key, path) in QuotaSet.keys {
            if version >= Microversion(2, 57), key.hasPrefix("injected_file") { continue }
            fields[key] = .int(quotas[keyPath: path])
        }
        if version < Microversion(2, 36) {
            for key in ["fixed_ips", "floating_ips", "security_groups", "security_group_rules"] { fields[key] = -1 }
        }
        return .object(fields)
    }
}
