import Foundation

/// Keystone's policy actions and Stratus's default rules for them. Writes are
/// admin-only; a user may read themselves, their projects and their tokens.
public enum IdentityPolicy {
    public enum Action: String, Sendable, CaseIterable {
        case listDomains = "identity:list_domains"
        case getDomain = "identity:get_domain"
        case createDomain = "identity:create_domain"
        case updateDomain = "identity:update_domain"
        case deleteDomain = "identity:delete_domain"
        case listProjects = "identity:list_projects"
        case getProject = "identity:get_project"
        case createProject = "identity:create_project"
        case updateProject = "identity:update_project"
        case deleteProject = "identity:delete_project"
        case listUserProjects = "identity:list_user_projects"
        case getAuthProjects = "identity:get_auth_projects"
        case getAuthDomains = "identity:get_auth_domains"
        case getAuthCatalog = "identity:get_auth_catalog"
        case listUsers = "identity:list_users"
        case getUser = "identity:get_user"
        case createUser = "identity:create_user"
        case updateUser = "identity:update_user"
        case deleteUser = "identity:delete_user"
        case changePassword = "identity:change_password"
        case listGroups = "identity:list_groups"
        case getGroup = "identity:get_group"
        case createGroup = "identity:create_group"
        case updateGroup = "identity:update_group"
        case deleteGroup = "identity:delete_group"
        case listUsersInGroup = "identity:list_users_in_group"
        case addUserToGroup = "identity:add_user_to_group"
        case removeUserFromGroup = "identity:remove_user_from_group"
        case checkUserInGroup = "identity:check_user_in_group"
        case listGroupsForUser = "identity:list_groups_for_user"
        case listRoles = "identity:list_roles"
        case getRole = "identity:get_role"
        case createRole = "identity:create_role"
        case updateRole = "identity:update_role"
        case deleteRole = "identity:delete_role"
        case listRoleInferenceRules = "identity:list_role_inference_rules"
        case listImpliedRoles = "identity:list_implied_roles"
        case getImpliedRole = "identity:get_implied_role"
        case createImpliedRole = "identity:create_implied_role"
        case deleteImpliedRole = "identity:delete_implied_role"
        case createGrant = "identity:create_grant"
        case revokeGrant = "identity:revoke_grant"
        case checkGrant = "identity:check_grant"
        case listGrants = "identity:list_grants"
        case listRoleAssignments = "identity:list_role_assignments"
        case validateToken = "identity:validate_token"
        case checkToken = "identity:check_token"
        case revokeToken = "identity:revoke_token"
        case listServices = "identity:list_services"
        case getService = "identity:get_service"
        case listEndpoints = "identity:list_endpoints"
        case getEndpoint = "identity:get_endpoint"
        case listRegions = "identity:list_regions"
        case getRegion = "identity:get_region"
    }

    /// Named building blocks the actions refer to; operators may override them too.
    public static let baseRules: [String: String] = [
        "admin_required": "rule:cloud_admin",
        "owner": "user_id:%(target.user.id)s",
        "token_subject": "user_id:%(target.token.user_id)s",
        "domain_member": "domain_id:%(target.domain.id)s or project_domain_id:%(target.domain.id)s",
        "project_member": "project_id:%(target.project.id)s",
    ]

    public static var defaults: [String: String] {
        PolicyDefaults.rules(base: baseRules, rule: defaultRule as (Action) -> String)
    }

    static func defaultRule(_ action: Action) -> String {
        switch action {
        case .getAuthProjects, .getAuthDomains, .getAuthCatalog, .listRegions, .getRegion:
            return ""
        case .getDomain:
            return "rule:admin_required or rule:domain_member"
        case .getProject:
            return "rule:admin_required or rule:project_member"
        case .getUser, .listUserProjects, .changePassword, .listGroupsForUser:
            return "rule:admin_required or rule:owner"
        case .validateToken, .checkToken, .revokeToken:
            return "rule:admin_required or rule:token_subject"
        default:
            return "rule:admin_required"
        }
    }
}
