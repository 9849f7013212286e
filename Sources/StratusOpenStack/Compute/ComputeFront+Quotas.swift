import Foundation
import Hummingbird
import StratusCore

extension ComputeFront {
    /// `/os-quota-sets/{project_id}[/detail|/defaults]` and `/limits`.
    func addQuotaRoutes(_ group: RouterGroup<Context>) {
        group.get("os-quota-sets/:id") { request, context in
            try StrictQuery.check(request, context.computeVersion, allowed: StrictQuery.quotaSet)
            let project = try context.parameter("id")
            let caller = try context.caller()
            let quotas = try await compute.quotas(caller, projectID: project)
            let network = try await compute.legacyNetworkQuotas(caller, projectID: project)
            return try Response.json(["quota_set": Self.quotaSet(
                quotas, id: project, version: context.computeVersion, network: network)])
        }
        group.get("os-quota-sets/:id/defaults") { _, context in
            let project = try context.parameter("id")
            let quotas = try await compute.defaultQuotas(try context.caller(), projectID: project)
            return try Response.json(["quota_set": Self.quotaSet(quotas, id: project, version: context.computeVersion)])
        }
        group.get("os-quota-sets/:id/detail") { request, context in
            try StrictQuery.check(request, context.computeVersion, allowed: StrictQuery.quotaSet)
            let project = try context.parameter("id")
            let caller = try context.caller()
            let quotas = try await compute.quotas(caller, projectID: project)
            let usage = try await compute.quotaUsage(caller, projectID: project)
            let used = ["instances": usage.instances, "cores": usage.cores, "ram": usage.ramMiB]
            let network = try await compute.legacyNetworkQuotas(caller, projectID: project)
            guard case .object(var fields) = Self.quotaSet(
                quotas, id: project, version: context.computeVersion, network: network) else {
                return Response.empty(.ok)
            }
            for (key, value) in fields where key != "id" {
                fields[key] = ["limit": value, "in_use": .int(used[key] ?? 0), "reserved": 0]
            }
            return try Response.json(["quota_set": .object(fields)])
        }
        group.put("os-quota-sets/:id") { request, context in
            try StrictQuery.check(request, context.computeVersion, allowed: StrictQuery.quotaSet)
            let project = try context.parameter("id")
            let body = try JSONObjectReader(wrapped: try await request.jsonBody(limit: context.maxUploadSize), key: "quota_set")
            try ServerRequestDecoder.rejectUnknown(
                body, allowed: Self.settableQuotas(context.computeVersion).union(["force"]), field: "quota_set")
            var limits: [String: Int] = [:]
            for key in body.members.keys where key != "force" {
                limits[key] = try body.integer(key)
            }
            let caller = try context.caller()
            let quotas = try await compute.updateQuotas(caller, projectID: project, limits)
            let network = try await compute.legacyNetworkQuotas(caller, projectID: project)
            guard case .object(var fields) = Self.quotaSet(
                quotas, id: project, version: context.computeVersion, network: network) else {
                return Response.empty(.ok)
            }
            fields["id"] = nil
            return try Response.json(["quota_set": .object(fields)])
        }
        group.delete("os-quota-sets/:id") { request, context in
            try StrictQuery.check(request, context.computeVersion, allowed: StrictQuery.quotaSet)
            try await compute.deleteQuotas(try context.caller(), projectID: try context.parameter("id"))
            return Response.empty(.accepted)
        }
        group.get("os-quota-class-sets/:id") { _, context in
            let quotaClass = try await compute.quotaClass(try context.caller(), name: try context.parameter("id"))
            return try Response.json(["quota_class_set": Self.quotaClassSet(quotaClass, version: context.computeVersion)])
        }
        group.put("os-quota-class-sets/:id") { request, context in
            let version = context.computeVersion
            let body = try JSONObjectReader(wrapped: try await request.jsonBody(limit: context.maxUploadSize), key: "quota_class_set")
            try ServerRequestDecoder.rejectUnknown(body, allowed: Self.quotaClassKeys(version), field: "quota_class_set")
            var limits: [String: Int] = [:]
            for key in body.members.keys { limits[key] = try body.integer(key) }
            let quotaClass = try await compute.updateQuotaClass(try context.caller(), name: try context.parameter("id"), limits)
            guard case .object(var fields) = Self.quotaClassSet(quotaClass, version: version) else { return Response.empty(.ok) }
            fields["id"] = nil  // Nova's update answer names no class
            return try Response.json(["quota_class_set": .object(fields)])
        }
        group.get("limits") { request, context in
            try StrictQuery.check(request, context.computeVersion, allowed: StrictQuery.limits)
            let report = try await compute.limits(try context.caller())
            return try Response.json(Self.limits(report, version: context.computeVersion))
        }
    }

    /// Nova's limits view: each quota under its limit names, minus the network
    /// limits from 2.36, `maxImageMeta` from 2.39 and the personality limits from 2.57.
    static func limits(_ report: ProjectLimits, version: Microversion) -> JSONValue {
        let quotas = report.quotas
        var absolute: [String: JSONValue] = [
            "maxServerMeta": .int(quotas.metadataItems), "maxTotalKeypairs": .int(quotas.keyPairs),
            "maxServerGroups": .int(quotas.serverGroups), "maxServerGroupMembers": .int(quotas.serverGroupMembers),
            "maxTotalCores": .int(quotas.cores), "maxTotalInstances": .int(quotas.instances),
            "maxTotalRAMSize": .int(quotas.ramMiB), "totalCoresUsed": .int(report.usage.cores),
            "totalInstancesUsed": .int(report.usage.instances), "totalRAMUsed": .int(report.usage.ramMiB),
            "totalServerGroupsUsed": .int(report.serverGroups),
        ]
        if version < Microversion(2, 36) {
            absolute.merge([
                "maxSecurityGroups": .int(report.network["security_groups"] ?? -1),
                "maxSecurityGroupRules": .int(report.network["security_group_rules"] ?? -1),
                "maxTotalFloatingIps": .int(report.network["floating_ips"] ?? -1),
                // Nothing in Stratus allocates them.
                "totalFloatingIpsUsed": 0, "totalSecurityGroupsUsed": 0,
            ]) { _, new in new }
        }
        if version < Microversion(2, 39) { absolute["maxImageMeta"] = .int(quotas.metadataItems) }
        if version < Microversion(2, 57) {
            absolute["maxPersonality"] = .int(quotas.injectedFiles)
            absolute["maxPersonalitySize"] = .int(quotas.injectedFileContentBytes)
        }
        return ["limits": ["rate": [], "absolute": .object(absolute)]]
    }

    /// Nova's quota_set at this microversion: the network quotas until 2.36
    /// (-1 unless set), the injected-file quotas until 2.57.
    static func quotaSet(
        _ quotas: QuotaSet, id: String, version: Microversion, network: [String: Int] = [:]
    ) -> JSONValue {
        var fields: [String: JSONValue] = ["id": .string(id)]
        for (key, path) in QuotaSet.keys {
            if version >= Microversion(2, 57), key.hasPrefix("injected_file") { continue }
            fields[key] = .int(quotas[keyPath: path])
        }
        if version < Microversion(2, 36) {
            for key in QuotaSet.legacyNetworkKeys { fields[key] = .int(network[key] ?? -1) }
        }
        return .object(fields)
    }

    /// A quota class's keys: below 2.50 the network quotas and no server-group
    /// ones, from 2.50 the reverse, from 2.57 no injected-file ones.
    static func quotaClassKeys(_ version: Microversion) -> Set<String> {
        var keys = Set(QuotaSet.keys.map(\.0))
        if version < Microversion(2, 50) {
            keys.subtract(["server_groups", "server_group_members"])
            keys.formUnion(QuotaSet.legacyNetworkKeys)
        }
        if version >= Microversion(2, 57) { keys = keys.filter { !$0.hasPrefix("injected_file") } }
        return keys
    }

    static func quotaClassSet(_ quotaClass: QuotaClass, version: Microversion) -> JSONValue {
        var fields: [String: JSONValue] = ["id": .string(quotaClass.name)]
        let keys = quotaClassKeys(version)
        for (key, path) in QuotaSet.keys where keys.contains(key) { fields[key] = .int(quotaClass.quotas[keyPath: path]) }
        for key in QuotaSet.legacyNetworkKeys where keys.contains(key) { fields[key] = .int(quotaClass.network[key] ?? -1) }
        return .object(fields)
    }

    /// What `PUT` may set: 2.36 drops the network quotas, 2.57 the injected-file ones.
    static func settableQuotas(_ version: Microversion) -> Set<String> {
        var keys = Set(QuotaSet.keys.map(\.0))
        if version < Microversion(2, 36) { keys.formUnion(QuotaSet.legacyNetworkKeys) }
        if version >= Microversion(2, 57) { keys = keys.filter { !$0.hasPrefix("injected_file") } }
        return keys
    }
}
