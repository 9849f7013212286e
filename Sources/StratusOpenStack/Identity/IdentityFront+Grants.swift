import Foundation
import Hummingbird
import StratusCore

extension IdentityFront {
    /// `/v3/{projects|domains}/{id}/users/{user}/roles[/{role}]` and
    /// `/v3/system/users/{user}/roles[/{role}]`.
    func addGrantRoutes(_ group: RouterGroup<Context>) {
        typealias ScopeReader = @Sendable (Context) throws -> AssignmentScope
        let targets: [(prefix: String, scope: ScopeReader)] = [
            ("projects/:id", { .project(try $0.parameter("id")) }),
            ("domains/:id", { .domain(try $0.parameter("id")) }),
            ("system", { _ in .system }),
        ]
        for (prefix, readScope) in targets {
            let base = "\(prefix)/users/:user/roles"
            group.get(RouterPath(base)) { request, context in
                let userID = try context.parameter("user")
                let roles = try await identity.listGrants(try context.caller(), userID: userID, scope: try readScope(context))
                let path = request.uri.path.replacingOccurrences(of: "/identity/v3/", with: "", options: .anchored)
                return try Response.json(render.list("roles", roles.map(render.role), path: path))
            }
            group.put(RouterPath(base + "/:role")) { _, context in
                try await identity.grant(try context.caller(), try assignment(context, readScope))
                return Response.empty(.noContent)
            }
            group.head(RouterPath(base + "/:role")) { _, context in
                try await identity.checkGrant(try context.caller(), try assignment(context, readScope))
                return Response.empty(.noContent)
            }
            group.get(RouterPath(base + "/:role")) { _, context in
                try await identity.checkGrant(try context.caller(), try assignment(context, readScope))
                return Response.empty(.noContent)
            }
            group.delete(RouterPath(base + "/:role")) { _, context in
                try await identity.revokeGrant(try context.caller(), try assignment(context, readScope))
                return Response.empty(.noContent)
            }
        }
    }

    private func assignment(
        _ context: Context, _ readScope: (Context) throws -> AssignmentScope
    ) throws -> RoleAssignment {
        RoleAssignment(
            userID: try context.parameter("user"), roleID: try context.parameter("role"), scope: try readScope(context))
    }

    func addAssignmentRoutes(_ group: RouterGroup<Context>) {
        group.get("role_assignments") { request, context in
            if request.query("group.id") != nil {
                return try Response.json(render.list("role_assignments", [], path: "role_assignments"))
            }
            let scopeFilters = ["scope.project.id", "scope.domain.id", "scope.system"].filter { request.query($0) != nil }
            if scopeFilters.count > 1 {
                throw APIError.badRequest("Specify a domain or project, not both.")
            }
            var filter = RoleAssignmentFilter(userID: request.query("user.id"), roleID: request.query("role.id"))
            if let projectID = request.query("scope.project.id") {
                filter.scope = .project(projectID)
            } else if let domainID = request.query("scope.domain.id") {
                filter.scope = .domain(domainID)
            } else if request.query("scope.system") != nil {
                filter.scope = .system
            }
            let entries = try await identity.listAssignments(
                try context.caller(), filter: filter, effective: request.query("effective") != nil)
            let names = request.query("include_names").map(Request.truthy) ?? false
            return try Response.json(render.list(
                "role_assignments", entries.map { render.assignment($0, includeNames: names) }, path: "role_assignments"))
        }
    }
}

extension IdentityRenderer {
    private func domainReference(_ id: String, _ entry: ResolvedAssignment) -> JSONValue {
        ["id": .string(id), "name": .optional(entry.domainNames[id])]
    }

    func assignment(_ entry: ResolvedAssignment, includeNames: Bool) -> JSONValue {
        let assignment = entry.assignment
        var role: [String: JSONValue] = ["id": .string(assignment.roleID)]
        var user: [String: JSONValue] = ["id": .string(assignment.userID)]
        var scopeObject: [String: JSONValue] = [:]
        let scopeKey: String
        let scopePath: String
        switch assignment.scope {
        case .project(let id):
            scopeKey = "project"
            scopePath = "projects/\(id)"
            scopeObject["id"] = .string(id)
            if includeNames, let project = entry.project {
                scopeObject["name"] = .string(project.name)
                scopeObject["domain"] = domainReference(project.domainID, entry)
            }
        case .domain(let id):
            scopeKey = "domain"
            scopePath = "domains/\(id)"
            scopeObject["id"] = .string(id)
            if includeNames, let domain = entry.domain { scopeObject["name"] = .string(domain.name) }
        case .system:
            scopeKey = "system"
            scopePath = "system"
            scopeObject["all"] = true
        }
        if includeNames {
            if let name = entry.role?.name { role["name"] = .string(name) }
            if let found = entry.user {
                user["name"] = .string(found.name)
                user["domain"] = domainReference(found.domainID, entry)
            }
        }
        var links: [String: JSONValue] = [
            "assignment": .string("\(v3)/\(scopePath)/users/\(assignment.userID)/roles/\(entry.impliedBy ?? assignment.roleID)"),
        ]
        if let prior = entry.impliedBy { links["prior_role"] = .string("\(v3)/roles/\(prior)") }
        return [
            "role": .object(role), "user": .object(user), "scope": .object([scopeKey: .object(scopeObject)]),
            "links": .object(links),
        ]
    }
}
