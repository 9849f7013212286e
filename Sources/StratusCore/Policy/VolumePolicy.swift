import Foundation

/// Cinder's rule names for the Block Storage v3 subset, with Cinder's defaults:
/// a project's readers look at its volumes, its members create, change and
/// delete them, administrators do both for every project.
public enum VolumePolicy {
    public enum Action: String, Sendable, CaseIterable {
        case create = "volume:create"
        case get = "volume:get"
        case getAll = "volume:get_all"
        case update = "volume:update"
        case delete = "volume:delete"
        case getAllProjects = "volume:get_all_tenants"
        case createMetadata = "volume:create_volume_metadata"
        case getMetadata = "volume:get_volume_metadata"
        case updateMetadata = "volume:update_volume_metadata"
        case deleteMetadata = "volume:delete_volume_metadata"
        /// os-quota-sets: a project's limits, with usage and the defaults.
        case showQuotas = "volume_extension:quotas:show"
        case updateQuotas = "volume_extension:quotas:update"
        case deleteQuotas = "volume_extension:quotas:delete"
        /// os-quota-class-sets (the `default` class is every project's defaults).
        case quotaClasses = "volume_extension:quota_classes"
        /// The `total…Used` figures of `GET /limits`.
        case usedLimits = "limits_extension:used_limits"
    }

    public static let baseRules: [String: String] = [
        "volume_admin": "rule:cloud_admin",
        "volume_project_member": "rule:cloud_admin or (role:member and project_id:%(project_id)s)",
        "volume_project_reader": "rule:cloud_admin or (role:reader and project_id:%(project_id)s)",
    ]

    public static var defaults: [String: String] {
        PolicyDefaults.rules(base: baseRules, rule: defaultRule as (Action) -> String)
    }

    static func defaultRule(_ action: Action) -> String {
        switch action {
        case .get, .getAll, .getMetadata, .showQuotas, .usedLimits: "rule:volume_project_reader"
        case .getAllProjects, .updateQuotas, .deleteQuotas, .quotaClasses: "rule:volume_admin"
        default: "rule:volume_project_member"
        }
    }
}
