import Foundation

/// What the first start of a cloud sets up.
public struct BootstrapRequest: Sendable {
    public var adminUserName: String
    public var adminPassword: String
    public var adminProjectName: String

    public init(adminUserName: String = "admin", adminPassword: String, adminProjectName: String = "admin") {
        self.adminUserName = adminUserName
        self.adminPassword = adminPassword
        self.adminProjectName = adminProjectName
    }
}

public struct BootstrapOutcome: Sendable, Equatable {
    /// False when the cloud was already bootstrapped: nothing was changed.
    public var performed: Bool
    public var adminUserID: String
    public var adminProjectID: String
}

extension IdentityService {
    /// Creates domain Default, the roles admin ⇒ manager ⇒ member ⇒ reader and
    /// service, project and
    /// user `admin` with the admin role on the project and on the system, in
    /// one transaction. Runs once: a cloud whose admin user exists is left as
    /// it is (its password is not reset).
    public func bootstrap(_ request: BootstrapRequest) async throws -> BootstrapOutcome {
        if let admin = try await store.user(named: request.adminUserName, domainID: Domain.defaultID) {
            return BootstrapOutcome(performed: false, adminUserID: admin.id, adminProjectID: admin.defaultProjectID ?? "")
        }
        var changes: [StoreChange] = []
        if try await store.domain(id: Domain.defaultID) == nil {
            changes.append(.insertDomain(Domain(
                id: Domain.defaultID, name: "Default", description: "The default domain", version: 1)))
        }
        var roleIDs: [String: String] = [:]
        for name in Role.standardNames {
            if let existing = try await store.role(named: name) {
                roleIDs[name] = existing.id
            } else {
                let role = Role(id: ids.newID(), name: name, version: 1)
                roleIDs[name] = role.id
                changes.append(.insertRole(role))
            }
        }
        let existingRules = try await store.roleImplications()
        for (prior, implied) in [(Role.admin, Role.manager), (Role.manager, Role.member), (Role.member, Role.reader)] {
            guard let priorID = roleIDs[prior], let impliedID = roleIDs[implied] else { continue }
            let rule = RoleImplication(priorRoleID: priorID, impliedRoleID: impliedID)
            if !existingRules.contains(rule) { changes.append(.insertImplication(rule)) }
        }
        let project: Project
        if let existing = try await store.project(named: request.adminProjectName, domainID: Domain.defaultID) {
            project = existing
        } else {
            project = Project(
                id: ids.newID(), name: request.adminProjectName, domainID: Domain.defaultID,
                description: "Bootstrap project for the cloud administrator", version: 1)
            changes.append(.insertProject(project))
        }
        let user = User(
            id: ids.newID(), name: request.adminUserName, domainID: Domain.defaultID,
            passwordHash: hasher.hash(request.adminPassword), defaultProjectID: project.id, version: 1)
        changes.append(.insertUser(user))
        if let adminRoleID = roleIDs[Role.admin] {
            changes.append(.insertAssignment(RoleAssignment(userID: user.id, roleID: adminRoleID, scope: .project(project.id))))
            // As keystone-manage bootstrap: the admin also holds admin on the system.
            changes.append(.insertAssignment(RoleAssignment(userID: user.id, roleID: adminRoleID, scope: .system)))
        }
        changes.append(.appendAudit(AuditRecord(
            id: ids.newID(), time: clock.now(), requestID: "bootstrap", actorUserID: nil, actorProjectID: nil,
            action: "identity:bootstrap", targetType: "user", targetID: user.id)))
        try await store.commit(changes)
        return BootstrapOutcome(performed: true, adminUserID: user.id, adminProjectID: project.id)
    }
}
