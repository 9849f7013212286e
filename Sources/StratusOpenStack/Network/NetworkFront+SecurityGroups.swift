import Foundation
import Hummingbird
import StratusCore

extension NetworkFront {
    static let ruleFields: Set<String> = [
        "security_group_id", "direction", "ethertype", "protocol", "port_range_min", "port_range_max",
        "remote_ip_prefix", "remote_group_id", "description", "tenant_id", "project_id",
    ]

    func addSecurityGroupRoutes(_ api: RouterGroup<Context>) {
        api.get("security-groups") { request, context in
            let groups = try await network.securityGroups(try context.caller())
            return try list(request, groups.map { render.securityGroup($0.0, rules: $0.1) }, collection: "security_groups")
        }
        api.get("security-groups/:id") { request, context in
            let (group, rules) = try await network.securityGroup(try context.caller(), id: try context.parameter("id"))
            return try shown(request, render.securityGroup(group, rules: rules), resource: "security_group")
        }
        api.post("security-groups") { request, context in
            let body = try await Self.body(
                request, context, resource: "security_group",
                allowed: ["name", "description", "tenant_id", "project_id", "stateful"])
            var draft = SecurityGroupDraft(name: try body.string("name") ?? "")
            draft.description = try body.string("description") ?? ""
            draft.stateful = try body.bool("stateful") ?? true
            draft.projectID = try Self.projectID(body)
            let (group, rules) = try await network.createSecurityGroup(try context.caller(), draft)
            return try shown(request, render.securityGroup(group, rules: rules), resource: "security_group", status: .created)
        }
        api.put("security-groups/:id") { request, context in
            let body = try await Self.body(request, context, resource: "security_group", allowed: ["name", "description"])
            var patch = SecurityGroupPatch()
            patch.name = try body.string("name")
            patch.description = try body.string("description")
            let (group, rules) = try await network.updateSecurityGroup(
                try context.caller(), id: try context.parameter("id"), patch)
            return try shown(request, render.securityGroup(group, rules: rules), resource: "security_group")
        }
        api.delete("security-groups/:id") { _, context in
            try await network.deleteSecurityGroup(try context.caller(), id: try context.parameter("id"))
            return Response.empty(.noContent)
        }
        api.get("security-group-rules") { request, context in
            try list(request, try await network.securityGroupRules(try context.caller()).map(render.rule),
                     collection: "security_group_rules")
        }
        api.get("security-group-rules/:id") { request, context in
            let rule = try await network.securityGroupRule(try context.caller(), id: try context.parameter("id"))
            return try shown(request, render.rule(rule), resource: "security_group_rule")
        }
        api.post("security-group-rules") { request, context in
            let body = try await Self.body(request, context, resource: "security_group_rule", allowed: Self.ruleFields)
            guard let groupID = try body.string("security_group_id") else {
                throw NetworkError.badRequest("Failed to parse request. Required attribute 'security_group_id' not specified")
            }
            guard let direction = try body.string("direction") else {
                throw NetworkError.badRequest("Failed to parse request. Required attribute 'direction' not specified")
            }
            var draft = SecurityGroupRuleDraft(securityGroupID: groupID, direction: direction)
            draft.ethertype = try body.string("ethertype")
            draft.protocolName = try Self.protocolName(body)
            draft.portRangeMin = try body.integer("port_range_min")
            draft.portRangeMax = try body.integer("port_range_max")
            draft.remoteIPPrefix = try body.string("remote_ip_prefix")
            draft.remoteGroupID = try body.string("remote_group_id")
            draft.description = try body.string("description") ?? ""
            draft.projectID = try Self.projectID(body)
            let rule = try await network.createSecurityGroupRule(try context.caller(), draft)
            return try shown(request, render.rule(rule), resource: "security_group_rule", status: .created)
        }
        api.delete("security-group-rules/:id") { _, context in
            try await network.deleteSecurityGroupRule(try context.caller(), id: try context.parameter("id"))
            return Response.empty(.noContent)
        }
    }

    /// `protocol` may be a name or a number, sent as a string or an integer.
    static func protocolName(_ body: JSONObjectReader) throws -> String? {
        switch body.members["protocol"] {
        case .int(let number)?: String(number)
        case .null?, nil: nil
        default: try body.string("protocol")
        }
    }
}
