import Foundation

extension IdentityService {
    public func listProjects(_ caller: Caller, filter: IdentityListFilter) async throws -> [Project] {
        try authorize(.listProjects, caller)
        return try await store.projects(filter)
    }

    public func getProject(_ caller: Caller, id: String) async throws -> Project {
        try authorize(.getProject, caller, target: ["target.project.id": id])
        return try await projectRequired(id)
    }

    public func createProject(_ caller: Caller, _ draft: ProjectDraft) async throws -> Project {
        let domainID = draft.domainID ?? caller.auth.project?.domainID ?? caller.auth.domain?.id ?? Domain.defaultID
        try authorize(.createProject, caller, target: ["target.project.domain_id": domainID])
        _ = try await domainRequired(domainID)
        let project = Project(
            id: ids.newID(), name: try IdentityValidation.name(draft.name, field: "name", maxLength: IdentityValidation.maxContainerNameLength), domainID: domainID,
            description: draft.description, enabled: draft.enabled, tags: try IdentityValidation.tags(draft.tags), version: 1)
        try await commit([.insertProject(project), audit(caller, .createProject, "project", project.id)]) { _ in
            Self.duplicateProject(project)
        }
        return project
    }

    public func updateProject(_ caller: Caller, id: String, _ patch: ProjectPatch) async throws -> Project {
        try authorize(.updateProject, caller, target: ["target.project.id": id])
        return try await withVersionRetry {
            var project = try await projectRequired(id)
            if let name = patch.name { project.name = try IdentityValidation.name(name, field: "name", maxLength: IdentityValidation.maxContainerNameLength) }
            if let description = patch.description { project.description = description }
            if let enabled = patch.enabled { project.enabled = enabled }
            if let tags = patch.tags { project.tags = try IdentityValidation.tags(tags) }
            try await commit([.updateProject(project), audit(caller, .updateProject, "project", id)]) { _ in
                Self.duplicateProject(project)
            }
            project.version += 1
            return project
        }
    }

    /// Deleting a project removes its role assignments and the tokens scoped to it.
    public func deleteProject(_ caller: Caller, id: String) async throws {
        try authorize(.deleteProject, caller, target: ["target.project.id": id])
        let project = try await projectRequired(id)
        try await store.commit([
            .deleteProject(id: id, version: project.version), audit(caller, .deleteProject, "project", id),
        ])
    }

    /// `GET /v3/users/{id}/projects`: projects where the user holds any role.
    public func listUserProjects(_ caller: Caller, userID: String) async throws -> [Project] {
        try authorize(.listUserProjects, caller, target: ["target.user.id": userID])
        _ = try await userRequired(userID)
        return try await projectsWithRoles(userID: userID)
    }

    /// `GET /v3/auth/projects`: enabled projects the token's user may scope to.
    public func listAuthProjects(_ caller: Caller) async throws -> [Project] {
        try authorize(.getAuthProjects, caller)
        return try await projectsWithRoles(userID: caller.auth.user.id).filter(\.enabled)
    }

    /// `GET /v3/auth/domains`: enabled domains the token's user may scope to.
    public func listAuthDomains(_ caller: Caller) async throws -> [Domain] {
        try authorize(.getAuthDomains, caller)
        var domains: [Domain] = []
        for assignment in try await assignmentsReaching(userID: caller.auth.user.id) {
            guard case .domain(let id) = assignment.scope, !domains.contains(where: { $0.id == id }),
                  let domain = try await store.domain(id: id), domain.enabled
            else { continue }
            domains.append(domain)
        }
        return domains
    }

    private func projectsWithRoles(userID: String) async throws -> [Project] {
        var projects: [Project] = []
        for assignment in try await assignmentsReaching(userID: userID) {
            guard case .project(let id) = assignment.scope, !projects.contains(where: { $0.id == id }),
                  let project = try await store.project(id: id)
            else { continue }
            projects.append(project)
        }
        return projects.sorted { $0.name < $1.name }
    }

    static func duplicateProject(_ project: Project) -> IdentityError {
        .conflict("Conflict occurred attempting to store project - it is not permitted to have two projects with the same name in the same domain : \(project.name).")
    }
}
