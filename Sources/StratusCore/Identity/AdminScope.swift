import Foundation

/// Where the `admin` role means the whole cloud (Keystone's `is_admin_project`).
///
/// An `admin` token counts as a cloud administrator's only when it is system-scoped or
/// scoped to the designated admin project; an `admin` of any other project administers
/// that project alone. `anyProject` restores upstream's legacy "admin anywhere is admin
/// everywhere", for test rigs (tempest's dynamic admin credentials) that assume it.
public enum AdminScope: Sendable, Equatable {
    case adminProject(name: String, domainID: String)
    case anyProject

    /// Keystone's `[resource] admin_project_name` / `admin_project_domain_name` as bootstrapped.
    public static let bootstrapAdminProject = AdminScope.adminProject(name: "admin", domainID: Domain.defaultID)

    /// Whether a token scoped to `project` carries cloud-wide powers with `admin`.
    public func isAdminProject(_ project: Project) -> Bool {
        switch self {
        case .adminProject(let name, let domainID): project.name == name && project.domainID == domainID
        case .anyProject: true
        }
    }
}
