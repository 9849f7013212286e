import Foundation

/// Neutron's rule names for the Networking v2 subset, with Neutron's defaults:
/// a project's members manage their own networks, subnets, ports and security
/// groups; only administrators make shared or external networks or act on
/// other projects' resources. Which resources a caller may read at all (its
/// own, shared networks) the core decides before the rule is asked.
public enum NetworkPolicy {
    public enum Action: String, Sendable, CaseIterable {
        case createNetwork = "create_network"
        case createSharedNetwork = "create_network:shared"
        case createExternalNetwork = "create_network:router:external"
        case getNetwork = "get_network"
        case updateNetwork = "update_network"
        case deleteNetwork = "delete_network"
        case createSubnet = "create_subnet"
        case getSubnet = "get_subnet"
        case updateSubnet = "update_subnet"
        case deleteSubnet = "delete_subnet"
        case createPort = "create_port"
        case getPort = "get_port"
        case updatePort = "update_port"
        case deletePort = "delete_port"
        case createSecurityGroup = "create_security_group"
        case getSecurityGroup = "get_security_group"
        case updateSecurityGroup = "update_security_group"
        case deleteSecurityGroup = "delete_security_group"
        case createSecurityGroupRule = "create_security_group_rule"
        case getSecurityGroupRule = "get_security_group_rule"
        case deleteSecurityGroupRule = "delete_security_group_rule"
        /// A project's quotas (its own, its details, the defaults; the list of every project's).
        case getQuota = "get_quota"
        case updateQuota = "update_quota"
        case deleteQuota = "delete_quota"
    }

    public static let baseRules: [String: String] = [
        "network_admin": "rule:cloud_admin",
        "network_owner": "rule:cloud_admin or (role:member and project_id:%(project_id)s)",
        "network_reader": "rule:cloud_admin or role:reader",
    ]

    public static var defaults: [String: String] {
        PolicyDefaults.rules(base: baseRules, rule: defaultRule as (Action) -> String)
    }

    static func defaultRule(_ action: Action) -> String {
        switch action {
        case .createSharedNetwork, .createExternalNetwork, .updateQuota, .deleteQuota: "rule:network_admin"
        // Neutron shows a project its own quotas; others' are an administrator's.
        case .getQuota: "rule:network_admin or (role:reader and project_id:%(project_id)s)"
        case .getNetwork, .getSubnet, .getPort, .getSecurityGroup, .getSecurityGroupRule: "rule:network_reader"
        default: "rule:network_owner"
        }
    }
}
