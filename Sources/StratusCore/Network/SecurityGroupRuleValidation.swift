import Foundation

/// Neutron's checks of a rule body, in its words: direction and ethertype,
/// the protocol (a known name or 0–255), port ranges per protocol (ICMP type and
/// code), and a remote that is either a prefix of the rule's family or a group.
enum SecurityGroupRuleValidation {
    static let protocolNames: Set<String> = [
        "ah", "dccp", "egp", "esp", "gre", "icmp", "icmpv6", "igmp", "ipip", "ipv6-encap", "ipv6-frag",
        "ipv6-icmp", "ipv6-nonxt", "ipv6-opts", "ipv6-route", "ospf", "pgm", "rsvp", "sctp", "tcp", "udp",
        "udplite", "vrrp",
    ]
    /// Protocols whose rules take port ranges, by name and number.
    static let portProtocols: Set<String> = ["tcp", "udp", "sctp", "udplite", "dccp", "6", "17", "132", "136", "33"]
    static let icmpProtocols: Set<String> = ["icmp", "icmpv6", "ipv6-icmp", "1", "58"]

    static func rule(
        _ draft: SecurityGroupRuleDraft, id: String, projectID: String, at now: Date
    ) throws -> SecurityGroupRule {
        guard let direction = SecurityGroupRule.Direction(rawValue: draft.direction) else {
            throw NetworkError.invalidInput("Invalid input for direction. Reason: '\(draft.direction)' is not in ['ingress', 'egress']")
        }
        let ethertypeText = draft.ethertype ?? "IPv4"
        guard let ethertype = SecurityGroupRule.EtherType.allCases.first(where: {
            $0.rawValue.lowercased() == ethertypeText.lowercased()
        }) else {
            throw NetworkError.invalidInput("Invalid input for ethertype. Reason: '\(ethertypeText)' is not in ['IPv4', 'IPv6']")
        }
        let protocolName = try normalizedProtocol(draft.protocolName)
        try checkPorts(protocolName, draft.portRangeMin, draft.portRangeMax)
        if draft.remoteIPPrefix != nil && draft.remoteGroupID != nil {
            throw NetworkError(.badRequest, "SecurityGroupRemoteGroupAndRemoteIpPrefix",
                               "Only remote_ip_prefix or remote_group_id may be provided.")
        }
        let prefix = try draft.remoteIPPrefix.map { try normalizedPrefix($0, ethertype) }
        return SecurityGroupRule(
            id: id, securityGroupID: draft.securityGroupID, projectID: projectID, direction: direction,
            ethertype: ethertype, protocolName: protocolName, portRangeMin: draft.portRangeMin,
            portRangeMax: draft.portRangeMax, remoteIPPrefix: prefix, remoteGroupID: draft.remoteGroupID,
            description: draft.description, createdAt: now)
    }

    static func normalizedProtocol(_ given: String?) throws -> String? {
        guard let given, !given.isEmpty, given.lowercased() != "any" else { return nil }
        let name = given.lowercased()
        if protocolNames.contains(name) { return name }
        if let number = Int(given), (0...255).contains(number) { return String(number) }
        throw NetworkError(.badRequest, "SecurityGroupRuleInvalidProtocol",
                           "Security group rule protocol \(given) not supported. Only protocol values "
                           + "[None, \(protocolNames.sorted().map { "'\($0)'" }.joined(separator: ", "))] "
                           + "and integer representations [0 to 255] are supported.")
    }

    static func checkPorts(_ protocolName: String?, _ low: Int?, _ high: Int?) throws {
        guard low != nil || high != nil else { return }
        guard let protocolName else {
            throw NetworkError(.badRequest, "SecurityGroupProtocolRequiredWithPorts",
                               "Must also specify protocol if port range is given.")
        }
        if portProtocols.contains(protocolName) {
            for port in [low, high].compactMap({ $0 }) where !(1...65535).contains(port) {
                throw NetworkError(.badRequest, "SecurityGroupInvalidPortValue", "Invalid value for port \(port).")
            }
            if let low, let high, low > high {
                throw NetworkError(.badRequest, "SecurityGroupInvalidPortRange",
                                   "For TCP/UDP protocols, port_range_min must be <= port_range_max")
            }
        } else if icmpProtocols.contains(protocolName) {
            for (field, attribute, value) in [("type", "port_range_min", low), ("code", "port_range_max", high)] {
                if let value, !(0...255).contains(value) {
                    throw NetworkError(.badRequest, "SecurityGroupInvalidIcmpValue",
                                       "Invalid value for ICMP \(field) (\(attribute)) \(value). It must be 0 to 255.")
                }
            }
            if low == nil, high != nil {
                throw NetworkError(.badRequest, "SecurityGroupMissingIcmpType",
                                   "ICMP code (port-range-max) \(high!) is provided but ICMP type (port-range-min) is missing.")
            }
        } else {
            throw NetworkError(.badRequest, "SecurityGroupInvalidProtocolForPort",
                               "Invalid protocol \(protocolName) for port range, only supported for TCP, UDP, UDPLITE, SCTP, DCCP and ICMP protocols")
        }
    }

    /// A prefix is kept as given (Neutron shows `normalized_cidr` beside it) once it
    /// is an IPv4 or IPv6 prefix of the rule's family.
    static func normalizedPrefix(_ prefix: String, _ ethertype: SecurityGroupRule.EtherType) throws -> String {
        let text = prefix.contains("/") ? prefix : prefix + (prefix.contains(":") ? "/128" : "/32")
        let family: SecurityGroupRule.EtherType?
        if IPv4Network(text) != nil {
            family = .ipv4
        } else if text.contains(":"), text.split(separator: "/").count == 2 {
            family = .ipv6
        } else {
            family = nil
        }
        guard let family else {
            throw NetworkError.invalidInput("Invalid input for remote_ip_prefix. Reason: '\(prefix)' is not a valid IP subnet")
        }
        guard family == ethertype else {
            throw NetworkError(.badRequest, "SecurityGroupRuleParameterConflict",
                               "Conflicting value ethertype \(ethertype.rawValue) for CIDR \(prefix)")
        }
        return prefix
    }
}
