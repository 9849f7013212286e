import Foundation
import Hummingbird
import StratusCore

/// Nova's deprecated proxies to the network service's security groups
/// (`/os-security-groups`, `/os-security-group-rules`, 2.1–2.35; 404 from 2.36):
/// Nova's bodies and words over `NetworkService`, as Nova's neutron driver maps them.
extension ComputeFront {
    static let lastNetworkProxyVersion = Microversion(2, 35)

    func addSecurityGroupProxyRoutes(_ api: RouterGroup<Context>) {
        api.get("os-security-groups") { request, context in
            let caller = try context.caller()
            try Self.requireProxy(context)
            let ownProjectOnly = !Self.truthy(request.query("all_tenants"))
            let groups = try await Self.proxied { try await network.securityGroups(caller, ownProjectOnly: ownProjectOnly) }
            let known = Dictionary(groups.map { ($0.0.id, $0.0) }, uniquingKeysWith: { first, _ in first })
            return try Response.json(["security_groups": .array(groups.map { Self.novaSecurityGroup($0.0, $0.1, known) })])
        }
        api.get("os-security-groups/:id") { _, context in
            let caller = try context.caller()
            try Self.requireProxy(context)
            let id = try context.parameter("id")
            try Self.requireGroupID(id)
            let (group, rules) = try await Self.proxied(id) { try await network.securityGroup(caller, id: id) }
            return try Response.json(["security_group": try await novaGroupView(group, rules, caller)])
        }
        api.post("os-security-groups") { request, context in
            let caller = try context.caller()
            try Self.requireProxy(context)
            let (name, description) = try Self.groupFields(try await request.jsonBody(limit: context.maxUploadSize))
            var draft = SecurityGroupDraft(name: name)
            draft.description = description
            let (group, rules) = try await Self.proxied { try await network.createSecurityGroup(caller, draft) }
            return try Response.json(["security_group": try await novaGroupView(group, rules, caller)])
        }
        api.put("os-security-groups/:id") { request, context in
            let caller = try context.caller()
            try Self.requireProxy(context)
            let id = try context.parameter("id")
            try Self.requireGroupID(id)
            let (name, description) = try Self.groupFields(try await request.jsonBody(limit: context.maxUploadSize))
            var patch = SecurityGroupPatch()
            patch.name = name
            patch.description = description
            let (group, rules) = try await Self.proxied(id) { try await network.updateSecurityGroup(caller, id: id, patch) }
            return try Response.json(["security_group": try await novaGroupView(group, rules, caller)])
        }
        api.delete("os-security-groups/:id") { _, context in
            let caller = try context.caller()
            try Self.requireProxy(context)
            let id = try context.parameter("id")
            try Self.requireGroupID(id)
            try await Self.proxied(id) { try await network.deleteSecurityGroup(caller, id: id) }
            return Response.empty(.accepted)
        }
        api.post("os-security-group-rules") { request, context in
            let caller = try context.caller()
            try Self.requireProxy(context)
            let body = try JSONObjectReader(
                try await request.jsonBody(limit: context.maxUploadSize)["security_group_rule"], field: "security_group_rule")
            let parent = try Self.idField(body, "parent_group_id") ?? ""
            try Self.requireGroupID(parent)
            let (group, _) = try await Self.proxied(parent) { try await network.securityGroup(caller, id: parent) }
            var remote: SecurityGroup?
            if let groupID = try Self.idField(body, "group_id") {
                try Self.requireGroupID(groupID)
                remote = try await Self.proxied(groupID) { try await network.securityGroup(caller, id: groupID) }.0
            }
            let draft = try Self.novaRule(body, parent: group.id, remote: remote?.id)
            let rule = try await Self.proxied(parent) { try await network.createSecurityGroupRule(caller, draft) }
            let known = remote.map { [$0.id: $0] } ?? [:]
            return try Response.json(["security_group_rule": Self.novaRule(rule, parent: group, known)])
        }
        api.delete("os-security-group-rules/:id") { _, context in
            let caller = try context.caller()
            try Self.requireProxy(context)
            let id = try context.parameter("id")
            try await Self.proxied(id) { try await network.deleteSecurityGroupRule(caller, id: id) }
            return Response.empty(.accepted)
        }
    }

    func novaGroupView(_ group: SecurityGroup, _ rules: [SecurityGroupRule], _ caller: Caller) async throws -> JSONValue {
        var known = [group.id: group]
        for remote in Set(rules.compactMap(\.remoteGroupID)) where known[remote] == nil {
            if let found = try? await network.securityGroup(caller, id: remote).0 { known[remote] = found }
        }
        return Self.novaSecurityGroup(group, rules, known)
    }

    /// Nova's neutron driver: group ids are UUIDs, anything else is a 400.
    static func requireGroupID(_ id: String) throws {
        guard UUID(uuidString: id) != nil else { throw APIError.badRequest("Security group id should be uuid") }
    }

    static func requireProxy(_ context: Context) throws {
        guard context.computeVersion <= lastNetworkProxyVersion else { throw APIError.notFound() }
    }

    static func truthy(_ text: String?) -> Bool {
        guard let text else { return false }
        return !["0", "false", "no", "off", ""].contains(text.lowercased())
    }

    /// Nova's `validate_property` for name and description: strings that, stripped,
    /// are not empty and at most 255 characters.
    static func groupFields(_ json: JSONValue) throws -> (String, String) {
        let body = try JSONObjectReader(json["security_group"], field: "security_group")
        func field(_ key: String) throws -> String {
            guard case .string(let raw)? = body.members[key] else {
                throw APIError.badRequest("Security group \(key) is not a string or unicode")
            }
            // Checked stripped, stored as given (Nova keeps the spaces).
            let value = raw.trimmingCharacters(in: .whitespaces)
            if value.isEmpty { throw APIError.badRequest("Security group \(key) cannot be empty.") }
            if value.count > 255 { throw APIError.badRequest("Security group \(key) should not be greater than 255 characters.") }
            return raw
        }
        return (try field("name"), try field("description"))
    }

    /// Ids may come as strings or numbers (Nova's schema accepts both).
    static func idField(_ body: JSONObjectReader, _ key: String) throws -> String? {
        switch body.members[key] {
        case .int(let number)?: String(number)
        case .null?, nil: nil
        default: try body.string(key)
        }
    }

    /// Nova's `_rule_args_to_dict` then its neutron driver: a group rule opens every
    /// port when none are given; a CIDR rule (0.0.0.0/0 by default) needs protocol and
    /// ports; TCP/UDP 1–65535, ICMP type and code −1–255 (−1: any).
    static func novaRule(_ body: JSONObjectReader, parent: String, remote: String?) throws -> SecurityGroupRuleDraft {
        let protocolName = try body.members["ip_protocol"] == .null ? nil : body.string("ip_protocol")
        var from = try port(body, "from_port", protocolName)
        var to = try port(body, "to_port", protocolName)
        let upper = protocolName?.uppercased() ?? ""
        var draft = SecurityGroupRuleDraft(securityGroupID: parent, direction: "ingress")
        if let remote {
            draft.remoteGroupID = remote
            if from == nil && to == nil {
                if upper == "ICMP" { (from, to) = (-1, -1) }
                if upper == "TCP" || upper == "UDP" { (from, to) = (1, 65535) }
            }
        } else {
            let cidr = try body.members["cidr"] == .null ? nil : body.string("cidr")
            let text = cidr ?? "0.0.0.0/0"
            guard IPv4Network(text) != nil || (text.contains(":") && text.contains("/")) else {
                throw APIError.badRequest("Invalid cidr \(text).")
            }
            draft.remoteIPPrefix = text
            draft.ethertype = text.contains(":") ? "IPv6" : "IPv4"
        }
        guard let protocolName, let from, let to else {
            if remote == nil { throw APIError.badRequest("Not enough parameters to build a valid rule.") }
            return draft
        }
        guard ["TCP", "UDP", "ICMP"].contains(upper) else { throw APIError.badRequest("Invalid IP protocol \(protocolName).") }
        if upper != "ICMP", from > to {
            throw APIError.badRequest("Invalid port range \(from):\(to). Former value cannot be greater than the later")
        }
        if upper != "ICMP", from < 1 || to > 65535 {
            throw APIError.badRequest("Invalid port range \(from):\(to). Valid \(upper) ports should be between 1-65535")
        }
        if upper == "ICMP", !(-1...255).contains(from) || !(-1...255).contains(to) {
            throw APIError.badRequest("Invalid port range \(from):\(to). For ICMP, the type:code must be valid")
        }
        draft.protocolName = protocolName.lowercased()
        draft.portRangeMin = from == -1 ? nil : from
        draft.portRangeMax = to == -1 ? nil : to
        return draft
    }

    private static func port(_ body: JSONObjectReader, _ key: String, _ protocolName: String?) throws -> Int? {
        switch body.members[key] {
        case .null?, nil: return nil
        case .int(let number)?: return number
        case .string(let text)?:
            if let number = Int(text) { return number }
            throw APIError.badRequest(protocolName?.uppercased() == "ICMP"
                ? "Type and Code must be integers for ICMP protocol type" : "To and From ports must be integers")
        default:
            throw APIError.badRequest("To and From ports must be integers")
        }
    }

    static func novaRule(_ rule: SecurityGroupRule, parent: SecurityGroup, _ known: [String: SecurityGroup]) -> JSONValue {
        guard case .object(let view)? = novaSecurityGroup(parent, [rule], known)["rules"]?.arrayValue?.first else {
            return .null
        }
        return .object(view)
    }

    /// Runs a network use case under Nova's words: Neutron's 404 is Nova's
    /// "not found" for the id asked about, its 409 (in use, duplicate, default) a 400.
    static func proxied<T>(_ id: String = "", _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as NetworkError {
            switch error.status {
            case .notFound where error.type == "SecurityGroupNotFound":
                throw ComputeError.notFound("Security group \(id) not found.")
            case .notFound where error.type == "SecurityGroupRuleNotFound":
                throw ComputeError.notFound("Rule (\(id)) not found.")
            case .notFound: throw ComputeError.notFound(error.message)
            case .forbidden: throw ComputeError.forbidden(error.message)
            // Nova's SecurityGroupLimitExceeded carries Neutron's words.
            case .conflict where error.type == "OverQuota": throw ComputeError.forbidden(error.message)
            case .conflict, .badRequest: throw ComputeError.badRequest(error.message)
            }
        }
    }
}

extension JSONValue {
    var arrayValue: [JSONValue]? {
        if case .array(let values) = self { return values }
        return nil
    }
}
