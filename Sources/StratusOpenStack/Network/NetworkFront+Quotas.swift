import Foundation
import Hummingbird
import StratusCore

/// Neutron's quotas (`quotas`, `quota_details`, `quota-check-limit`): a
/// project's limits, its usage, the defaults, the list of projects with limits
/// of their own, update and revert.
extension NetworkFront {
    func addQuotaRoutes(_ api: RouterGroup<Context>) {
        api.get("quotas") { _, context in
            let quotas = try await network.quotas(try context.caller())
            let items: [JSONValue] = quotas.map { entry in
                var fields = entry.limits.mapValues { JSONValue.int($0) }
                fields["project_id"] = .string(entry.projectID)
                fields["tenant_id"] = .string(entry.projectID)
                return .object(fields)
            }
            return try Response.json(["quotas": .array(items)])
        }
        // Neutron's collection actions: the project the token is scoped to.
        for key in ["project", "tenant"] {
            api.get("quotas/\(key)") { _, context in
                guard let project = try context.caller().auth.project?.id else {
                    throw NetworkError(.badRequest, "QuotaMissingTenant", "Tenant-id was missing from quota request.")
                }
                return try Response.json([key: [key + "_id": .string(project)]])
            }
        }
        api.get("quotas/:project_id") { _, context in
            let limits = try await network.quota(try context.caller(), projectID: try context.parameter("project_id"))
            return try Response.json(["quota": .object(limits.mapValues { .int($0) })])
        }
        api.get("quotas/:project_id/default") { _, context in
            let limits = try await network.defaultQuota(try context.caller(), projectID: try context.parameter("project_id"))
            return try Response.json(["quota": .object(limits.mapValues { .int($0) })])
        }
        api.get("quotas/:project_id/details") { _, context in
            let lines = try await network.quotaDetails(try context.caller(), projectID: try context.parameter("project_id"))
            return try Response.json(["quota": .object(lines.mapValues { line in
                ["limit": .int(line.limit), "used": .int(line.inUse), "reserved": .int(line.reserved)]
            })])
        }
        api.put("quotas/:project_id") { request, context in
            let allowed = Set(NetworkService.quotaDefaults.keys).union(["force", "check_limit", "project_id", "tenant_id"])
            let body = try await Self.body(request, context, resource: "quota", allowed: allowed)
            let projectID = try context.parameter("project_id")
            // The body may repeat the project (openstacksdk sends it); it may not name another.
            if let named = try Self.projectID(body), named != projectID {
                throw NetworkError.badRequest("'project_id' in the body does not match the quota's project \(projectID)")
            }
            var limits: [String: Int] = [:]
            for key in NetworkService.quotaDefaults.keys where body.contains(key) {
                limits[key] = try Self.quotaLimit(body.members[key] ?? .null)
            }
            // `check_limit` (true unless `force`) has been Neutron's default since 2024.2.
            let force = try body.bool("force") ?? false
            let checked = try body.bool("check_limit") ?? !force
            let updated = try await network.updateQuota(try context.caller(), projectID: projectID, limits, force: !checked)
            return try Response.json(["quota": .object(updated.mapValues { .int($0) })])
        }
        api.delete("quotas/:project_id") { _, context in
            try await network.deleteQuota(try context.caller(), projectID: try context.parameter("project_id"))
            return Response.empty(.noContent)
        }
    }

    /// neutron-lib's `convert_to_int`: an integer, or a string of one.
    static func quotaLimit(_ value: JSONValue) throws -> Int {
        switch value {
        case .int(let number): return number
        case .string(let text) where Int(text) != nil: return Int(text) ?? 0
        case .double(let number) where number == number.rounded() && abs(number) < 1e15: return Int(number)
        default:
            let shown = if case .string(let text) = value { text } else { "\(value)" }
            throw NetworkError.invalidInput("'\(shown)' is not an integer")
        }
    }
}
