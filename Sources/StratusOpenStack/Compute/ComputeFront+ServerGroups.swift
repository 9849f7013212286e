import Foundation
import Hummingbird
import StratusCore

extension ComputeFront {
    /// `/os-server-groups[/{id}]`.
    func addServerGroupRoutes(_ group: RouterGroup<Context>) {
        group.get("os-server-groups") { request, context in
            try StrictQuery.check(request, context.computeVersion, allowed: StrictQuery.serverGroupList)
            let all = request.query("all_projects").map { ["true", "1", "yes"].contains($0.lowercased()) } ?? false
            var groups = try await compute.listServerGroups(try context.caller(), allProjects: all)
            let offset = try Self.nonNegative(request.query("offset"), "offset") ?? 0
            groups = Array(groups.dropFirst(offset))
            if let limit = try Self.nonNegative(request.query("limit"), "limit") { groups = Array(groups.prefix(limit)) }
            return try Response.json(["server_groups": .array(groups.map { render.serverGroup($0, version: context.computeVersion) })])
        }
        group.post("os-server-groups") { request, context in
            let body = try JSONObjectReader(wrapped: try await request.jsonBody(limit: context.maxUploadSize), key: "server_group")
            let v264 = context.computeVersion >= Microversion(2, 64)
            try ServerRequestDecoder.rejectUnknown(
                body, allowed: v264 ? ["name", "policy", "rules"] : ["name", "policies"], field: "server_group")
            let name = try body.requiredString("name")
            let policy: ServerGroupPolicy
            var maxPerHost: Int?
            if v264 {
                let text = try body.requiredString("policy")
                guard let parsed = ServerGroupPolicy(rawValue: text) else {
                    throw APIError.badRequest("Invalid input for field/attribute policy. Value: \(text). '\(text)' is not one of ['anti-affinity', 'affinity', 'soft-anti-affinity', 'soft-affinity']")
                }
                policy = parsed
                if let rules = try body.object("rules") {
                    try ServerRequestDecoder.rejectUnknown(rules, allowed: ["max_server_per_host"], field: "rules")
                    maxPerHost = try rules.integer("max_server_per_host")
                    if let value = maxPerHost, value < 1 {
                        throw APIError.badRequest("Invalid input for field/attribute max_server_per_host. Value: \(value). \(value) is less than the minimum of 1")
                    }
                    if policy != .antiAffinity, !rules.members.isEmpty {
                        throw APIError.badRequest("Only anti-affinity policy supports rules.")
                    }
                }
            } else {
                guard let policies = try body.stringArray("policies"), policies.count == 1 else {
                    throw APIError.badRequest("Invalid input for field/attribute policies. Value: \(body.members["policies"].map { "\($0)" } ?? "None"). One policy is required")
                }
                let allowed: [ServerGroupPolicy] = context.computeVersion >= Microversion(2, 15)
                    ? ServerGroupPolicy.allCases : [.antiAffinity, .affinity]
                guard let parsed = ServerGroupPolicy(rawValue: policies[0]), allowed.contains(parsed) else {
                    throw APIError.badRequest("Invalid input for field/attribute 0. Value: \(policies[0]). '\(policies[0])' is not one of \(allowed.map { "'\($0.rawValue)'" })")
                }
                policy = parsed
            }
            let created = try await compute.createServerGroup(
                try context.caller(), name: name, policy: policy, maxServerPerHost: maxPerHost)
            return try Response.json(["server_group": render.serverGroup(created, version: context.computeVersion)])
        }
        group.get("os-server-groups/:id") { _, context in
            let found = try await compute.getServerGroup(try context.caller(), id: try context.parameter("id"))
            return try Response.json(["server_group": render.serverGroup(found, version: context.computeVersion)])
        }
        group.delete("os-server-groups/:id") { _, context in
            try await compute.deleteServerGroup(try context.caller(), id: try context.parameter("id"))
            return Response.empty(.noContent)
        }
    }
}

extension ComputeRenderer {
    /// 2.1: policies list and metadata; 2.13 adds the owner; 2.64 swaps
    /// policies/metadata for policy/rules.
    func serverGroup(_ group: ServerGroup, version: Microversion) -> JSONValue {
        var fields: [String: JSONValue] = [
            "id": .string(group.id), "name": .string(group.name),
            "members": .array(group.members.map(JSONValue.string)),
        ]
        if version >= Microversion(2, 64) {
            fields["policy"] = .string(group.policy.rawValue)
            fields["rules"] = group.maxServerPerHost.map { ["max_server_per_host": .int($0)] } ?? [:]
        } else {
            fields["policies"] = [.string(group.policy.rawValue)]
            fields["metadata"] = [:]
        }
        if version >= Microversion(2, 13) {
            fields["project_id"] = .string(group.projectID)
            fields["user_id"] = .string(group.userID)
        }
        return .object(fields)
    }
}
