import Foundation
import Hummingbird
import StratusCore

extension IdentityFront {
    /// `/v3/{projects|domains}/{id}/{users|groups}/{actor}/roles[/{role}]` and
    /// `/v3/system/{users|groups}/{actor}/roles[/{role}]`.
    func addGrantRoutes(_ group: RouterGroup<Context>) {
        typealias ScopeReader = @Sendable (Context) throws -> AssignmentScope
        typealias ActorReader = @Sendable (String) -> AssignmentActor
        let scopes: [(prefix: String, scope: ScopeReader)] = [
            ("projects/:id", { .project(try $0.parameter("id")) }),
            ("domains/:id", { .domain(try $0.parameter("id")) }),
            ("system", { _ in .system }),
        ]
        let actors: [(segment: String, actor: ActorReader)] = [
            ("users", { .user($0) }),
            ("groups", { .group($0) }),
        ]
        for (prefix, readScope) in scopes {
            for (segment, makeActor) in actors {
                let base = "\(prefix)/\(segment)/:actor/roles"
                let read: @Sendable (Context) throws -> RoleAssignment = { context in
                    RoleAssignment(
                        actor: makeActor(try context.parameter("actor")), roleID: try context.parameter("role"),
                        scope: try readScope(context))
                }
                group.get(RouterPath(base)) { request, context in
                    let roles = try await identity.listGrants(
                        try context.caller(), actor: makeActor(try context.parameter("actor")), scope: try readScope(context))
                    let path = request.uri.path.replacingOccurrences(of: "/identity/v3/", with: "", options: .anchored)
                    return try Response.json(render.list("roles", roles.map(render.role), path: path))
                }
                group.put(RouterPath(base + "/:role")) { _, context in
                    try await identity.grant(try context.caller(), try read(context))
                    return Response.empty(.noContent)
                }
                for method in [HTTPRequest.Method.head, .get] {
                    group.on(RouterPath(base + "/:role"), method: method) { _, context in
                        try await identity.checkGrant(try context.caller(), try read(context))
                        return Response.empty(.noContent)
                    }
                }
                group.delete(RouterPath(base + "/:role")) { _, context in
                    try await identity.revokeGrant(try context.caller(), try read(context))
                    return Response.empty(.noContent)
                }
            }
        }
    }

    func addAssignmentRoutes(_ group: RouterGroup<Context>) {
        group.get("role_assignments") { request, context in
            let scopeFilters = ["scope.project.id", "scope.domain.id", "scope.system"].filter { request.query($0) != nil }
            if scopeFilters.count > 1 {
                throw APIError.badRequest("Specify a domain or project, not both.")
            }
            if request.query("user.id") != nil, request.query("group.id") != nil {
                throw APIError.badRequest("Specify a user or group, not both.")
            }
            var filter = RoleAssignmentFilter(
                userID: request.query("user.id"), groupID: request.query("group.id"), roleID: request.query("role.id"))
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
        if includeNames, let name = entry.role?.name { role["name"] = .string(name) }

        var actorObject: [String: JSONValue]
        let actorKey: String
        switch assignment.actor {
        case .user(let id):
            actorKey = "user"
            actorObject = ["id": .string(id)]
            if includeNames, let user = entry.user {
                actorObject["name"] = .string(user.name)
                actorObject["domain"] = domainReference(user.domainID, entry)
            }
        case .group(let id):
            actorKey = "group"
            actorObject = ["id": .string(id)]
            if includeNames, let group = entry.group {
                actorObject["name"] = .string(group.name)
                actorObject["domain"] = domainReference(group.domainID, entry)
            }
        }
        // The assignment link names the grant that exists: the group's, or the prior role's.
        let grantedRole = entry.impliedBy ?? assignment.roleID
        let grantedActor: String
        switch (assignment.actor, entry.viaGroup) {
        case (_, let groupID?): grantedActor = "groups/\(groupID)"
        case (.user(let id), nil): grantedActor = "users/\(id)"
        case (.group(let id), nil): grantedActor = "groups/\(id)"
        }
        var links: [String: JSONValue] = ["assignment": .string("\(v3)/\(scopePath)/\(grantedActor)/roles/\(grantedRole)")]
        if let prior = entry.impliedBy { links["prior_role"] = .string("\(v3)/roles/\(prior)") }
        if let groupID = entry.viaGroup, let userID = assignment.userID {
            links["membership"] = .string("\(v3)/groups/\(groupID)/users/\(userID)")
        }
        return [
            "role": .object(role), actorKey: .object(actorObject), "scope": .object([scopeKey: .object(scopeObject)]),
            "links": .object(links),
        ]
    }
}
