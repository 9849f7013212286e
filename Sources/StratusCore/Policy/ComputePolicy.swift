import Foundation

/// Nova's policy actions Stratus implements, with its default rules:
/// reads need any valid token, changes to the flavor catalog need `admin`.
public enum ComputePolicy {
    public enum Action: String, Sendable, CaseIterable {
        case createFlavor = "os_compute_api:os-flavor-manage:create"
        case deleteFlavor = "os_compute_api:os-flavor-manage:delete"
        case listExtraSpecs = "os_compute_api:os-flavor-extra-specs:index"
        case showExtraSpec = "os_compute_api:os-flavor-extra-specs:show"
        case createExtraSpecs = "os_compute_api:os-flavor-extra-specs:create"
        case updateExtraSpec = "os_compute_api:os-flavor-extra-specs:update"
        case deleteExtraSpec = "os_compute_api:os-flavor-extra-specs:delete"
        case listFlavorAccess = "os_compute_api:os-flavor-access"
        case addFlavorAccess = "os_compute_api:os-flavor-access:add_tenant_access"
        case removeFlavorAccess = "os_compute_api:os-flavor-access:remove_tenant_access"
        case listServices = "os_compute_api:os-services:list"
        case listHypervisors = "os_compute_api:os-hypervisors:list"
        case listHypervisorsDetail = "os_compute_api:os-hypervisors:list-detail"
        case showHypervisor = "os_compute_api:os-hypervisors:show"
        case listZones = "os_compute_api:os-availability-zone:list"
        case listZonesDetail = "os_compute_api:os-availability-zone:detail"
        case listAggregates = "os_compute_api:os-aggregates:index"
        case listKeypairs = "os_compute_api:os-keypairs:index"
        case createKeypair = "os_compute_api:os-keypairs:create"
        case showKeypair = "os_compute_api:os-keypairs:show"
        case deleteKeypair = "os_compute_api:os-keypairs:delete"
    }

    public static let baseRules: [String: String] = [
        "admin_api": "role:admin",
        "project_reader_or_admin": "rule:admin_api or role:reader",
    ]

    public static var defaults: [String: String] {
        PolicyDefaults.rules(base: baseRules, rule: defaultRule as (Action) -> String)
    }

    static func defaultRule(_ action: Action) -> String {
        switch action {
        case .listExtraSpecs, .showExtraSpec: "rule:project_reader_or_admin"
        case .listZones: "@"
        // Key pairs belong to the calling user: every query is scoped to them.
        case .listKeypairs, .createKeypair, .showKeypair, .deleteKeypair: "@"
        default: "rule:admin_api"
        }
    }
}
