import StratusCore
import Testing

/// Every identity action against four callers, with the expected outcome
/// written out by hand (not derived from `IdentityPolicy`).
@Suite struct IdentityPolicyTableTests {
    enum Who: String, CaseIterable, Sendable {
        /// `admin` on the admin project; `admin` on the system; `admin` of P1 only.
        case admin, systemAdmin, projectAdmin, member, reader, other

        var credentials: PolicyCredentials {
            switch self {
            case .admin:
                PolicyCredentials(userID: "U-admin", userDomainID: "D1", projectID: "P1", projectDomainID: "D1",
                                  roles: ["admin", "member", "reader"], isAdmin: true, isAdminProject: true)
            case .systemAdmin:
                PolicyCredentials(userID: "U-system", userDomainID: "D1", systemScope: "all",
                                  roles: ["admin", "member", "reader"], isAdmin: true)
            case .projectAdmin:
                PolicyCredentials(userID: "U-padmin", userDomainID: "D1", projectID: "P1", projectDomainID: "D1",
                                  roles: ["admin", "manager", "member", "reader"])
            case .member:
                PolicyCredentials(userID: "U-member", userDomainID: "D1", projectID: "P1", projectDomainID: "D1",
                                  roles: ["member", "reader"])
            case .reader:
                PolicyCredentials(userID: "U-reader", userDomainID: "D1", projectID: "P1", projectDomainID: "D1",
                                  roles: ["reader"])
            case .other:
                PolicyCredentials(userID: "U-other", userDomainID: "D2", projectID: "P2", projectDomainID: "D2",
                                  roles: ["member", "reader"])
            }
        }

        /// A target naming the caller's own user, project, domain and token.
        var ownTarget: PolicyTarget {
            let credentials = self.credentials
            let user = credentials.userID ?? "", project = credentials.projectID ?? ""
            let domain = credentials.projectDomainID ?? ""
            return PolicyTarget([
                "target.user.id": user, "target.token.user_id": user, "target.project.id": project,
                "target.domain.id": domain, "target.user.domain_id": domain, "target.project.domain_id": domain,
                "target.role.id": "R-member",
            ])
        }
    }

    /// A target naming someone else's user, project, domain and token.
    static let foreignTarget = PolicyTarget([
        "target.user.id": "U-stranger", "target.token.user_id": "U-stranger", "target.project.id": "P3",
        "target.domain.id": "D3", "target.user.domain_id": "D3", "target.project.domain_id": "D3",
        "target.role.id": "R-member",
    ])

    struct Row: Sendable, CustomTestStringConvertible {
        var action: IdentityPolicy.Action
        /// Allowed when the target is the caller's own.
        var own: Set<Who>
        /// Allowed when the target is someone else's.
        var foreign: Set<Who>
        /// Allowed with an empty target.
        var none: Set<Who>
        var testDescription: String { action.rawValue }
    }

    static let anyone = Set(Who.allCases)
    /// Cloud administrators only: a project's `admin` is never one of them.
    static let admin: Set<Who> = [.admin, .systemAdmin]

    static let table: [Row] = [
        Row(action: .listDomains, own: admin, foreign: admin, none: admin),
        Row(action: .getDomain, own: anyone, foreign: admin, none: admin),
        Row(action: .createDomain, own: admin, foreign: admin, none: admin),
        Row(action: .updateDomain, own: admin, foreign: admin, none: admin),
        Row(action: .deleteDomain, own: admin, foreign: admin, none: admin),
        Row(action: .listProjects, own: admin, foreign: admin, none: admin),
        Row(action: .getProject, own: anyone, foreign: admin, none: admin),
        Row(action: .createProject, own: admin, foreign: admin, none: admin),
        Row(action: .updateProject, own: admin, foreign: admin, none: admin),
        Row(action: .deleteProject, own: admin, foreign: admin, none: admin),
        Row(action: .listUserProjects, own: anyone, foreign: admin, none: admin),
        Row(action: .getAuthProjects, own: anyone, foreign: anyone, none: anyone),
        Row(action: .getAuthDomains, own: anyone, foreign: anyone, none: anyone),
        Row(action: .getAuthCatalog, own: anyone, foreign: anyone, none: anyone),
        Row(action: .listUsers, own: admin, foreign: admin, none: admin),
        Row(action: .getUser, own: anyone, foreign: admin, none: admin),
        Row(action: .createUser, own: admin, foreign: admin, none: admin),
        Row(action: .updateUser, own: admin, foreign: admin, none: admin),
        Row(action: .deleteUser, own: admin, foreign: admin, none: admin),
        Row(action: .changePassword, own: anyone, foreign: admin, none: admin),
        Row(action: .listGroups, own: admin, foreign: admin, none: admin),
        Row(action: .getGroup, own: admin, foreign: admin, none: admin),
        Row(action: .createGroup, own: admin, foreign: admin, none: admin),
        Row(action: .updateGroup, own: admin, foreign: admin, none: admin),
        Row(action: .deleteGroup, own: admin, foreign: admin, none: admin),
        Row(action: .listUsersInGroup, own: admin, foreign: admin, none: admin),
        Row(action: .addUserToGroup, own: admin, foreign: admin, none: admin),
        Row(action: .removeUserFromGroup, own: admin, foreign: admin, none: admin),
        Row(action: .checkUserInGroup, own: admin, foreign: admin, none: admin),
        Row(action: .listGroupsForUser, own: anyone, foreign: admin, none: admin),
        Row(action: .listRoles, own: admin, foreign: admin, none: admin),
        Row(action: .getRole, own: admin, foreign: admin, none: admin),
        Row(action: .createRole, own: admin, foreign: admin, none: admin),
        Row(action: .updateRole, own: admin, foreign: admin, none: admin),
        Row(action: .deleteRole, own: admin, foreign: admin, none: admin),
        Row(action: .listRoleInferenceRules, own: admin, foreign: admin, none: admin),
        Row(action: .listImpliedRoles, own: admin, foreign: admin, none: admin),
        Row(action: .getImpliedRole, own: admin, foreign: admin, none: admin),
        Row(action: .createImpliedRole, own: admin, foreign: admin, none: admin),
        Row(action: .deleteImpliedRole, own: admin, foreign: admin, none: admin),
        Row(action: .createGrant, own: admin, foreign: admin, none: admin),
        Row(action: .revokeGrant, own: admin, foreign: admin, none: admin),
        Row(action: .checkGrant, own: admin, foreign: admin, none: admin),
        Row(action: .listGrants, own: admin, foreign: admin, none: admin),
        Row(action: .listRoleAssignments, own: admin, foreign: admin, none: admin),
        Row(action: .validateToken, own: anyone, foreign: admin, none: admin),
        Row(action: .checkToken, own: anyone, foreign: admin, none: admin),
        Row(action: .revokeToken, own: anyone, foreign: admin, none: admin),
        Row(action: .listServices, own: admin, foreign: admin, none: admin),
        Row(action: .getService, own: admin, foreign: admin, none: admin),
        Row(action: .listEndpoints, own: admin, foreign: admin, none: admin),
        Row(action: .getEndpoint, own: admin, foreign: admin, none: admin),
        Row(action: .listRegions, own: anyone, foreign: anyone, none: anyone),
        Row(action: .getRegion, own: anyone, foreign: anyone, none: anyone),
    ]

    let engine: PolicyEngine

    init() throws {
        engine = try PolicyEngine(defaults: IdentityPolicy.defaults)
    }

    @Test func tableCoversEveryActionOnce() {
        #expect(Self.table.count == IdentityPolicy.Action.allCases.count)
        #expect(Set(Self.table.map(\.action.rawValue)) == Set(IdentityPolicy.Action.allCases.map(\.rawValue)))
    }

    @Test(arguments: table, Who.allCases)
    func matrix(row: Row, who: Who) {
        let action = row.action.rawValue
        let credentials = who.credentials
        #expect(engine.isAllowed(action, credentials: credentials, target: who.ownTarget) == row.own.contains(who),
                "own target")
        #expect(engine.isAllowed(action, credentials: credentials, target: Self.foreignTarget)
                == row.foreign.contains(who), "foreign target")
        #expect(engine.isAllowed(action, credentials: credentials) == row.none.contains(who), "no target")
    }

    /// The literal case: project P1 is readable by everyone on P1, not by a member of P2.
    @Test(arguments: [(Who.admin, true), (.member, true), (.reader, true), (.other, false)])
    func getProjectP1(who: Who, allowed: Bool) {
        let target = PolicyTarget(["target.project.id": "P1"])
        #expect(engine.isAllowed(IdentityPolicy.Action.getProject.rawValue, credentials: who.credentials, target: target)
                == allowed)
    }

    /// A non-admin owning the target still may not write it.
    @Test(arguments: [Who.member, .reader, .other])
    func ownershipNeverGrantsWrites(who: Who) {
        let writes: [IdentityPolicy.Action] = [.updateUser, .deleteUser, .updateProject, .deleteProject, .updateDomain]
        for action in writes {
            #expect(!engine.isAllowed(action.rawValue, credentials: who.credentials, target: who.ownTarget),
                    "\(action.rawValue)")
        }
    }
}
