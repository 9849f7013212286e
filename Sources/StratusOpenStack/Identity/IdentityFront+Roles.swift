import Hummingbird
import StratusCore

extension IdentityFront {
    func addRoleRoutes(_ group: RouterGroup<Context>) {
        group.get("roles") { request, context in
            let roles = try await identity.listRoles(try context.caller(), filter: request.identityListFilter)
            return try Response.json(render.list("roles", roles.map(render.role), path: "roles"))
        }
        group.post("roles") { request, context in
            let body = try JSONObjectReader(try await request.jsonBody(limit: context.maxUploadSize)["role"], field: "role")
            let draft = RoleDraft(
                name: try body.requiredString("name"), domainID: try body.nullableString("domain_id") ?? nil,
                description: try body.nullableString("description").flatMap { $0 } ?? "")
            let role = try await identity.createRole(try context.caller(), draft)
            return try Response.json(["role": render.role(role)], status: .created)
        }
        group.get("roles/:id") { _, context in
            let role = try await identity.getRole(try context.caller(), id: try context.parameter("id"))
            return try Response.json(["role": render.role(role)])
        }
        group.patch("roles/:id") { request, context in
            let body = try JSONObjectReader(try await request.jsonBody(limit: context.maxUploadSize)["role"], field: "role")
            let patch = RolePatch(name: try body.string("name"), description: try body.string("description"))
            let role = try await identity.updateRole(try context.caller(), id: try context.parameter("id"), patch)
            return try Response.json(["role": render.role(role)])
        }
        group.delete("roles/:id") { _, context in
            try await identity.deleteRole(try context.caller(), id: try context.parameter("id"))
            return Response.empty(.noContent)
        }
    }

    func addImpliedRoleRoutes(_ group: RouterGroup<Context>) {
        group.get("role_inferences") { _, context in
            let rules = try await identity.listRoleImplications(try context.caller())
            return try Response.json(["role_inferences": .array(try await inferences(rules, context)),
                                      "links": ["self": .string(render.v3 + "/role_inferences")]])
        }
        group.get("roles/:id/implies") { _, context in
            let rules = try await identity.listImpliedRoles(try context.caller(), priorRoleID: try context.parameter("id"))
            let inferences = try await inferences(rules, context)
            return try Response.json(["role_inference": inferences.first ?? nil,
                                      "links": ["self": .string(render.v3 + "/roles/\(try context.parameter("id"))/implies")]])
        }
        group.put("roles/:id/implies/:implied") { _, context in
            let rule = try impliedRule(context)
            try await identity.createImpliedRole(try context.caller(), rule)
            return try Response.json(try await inferenceOne(rule, context), status: .created)
        }
        group.get("roles/:id/implies/:implied") { _, context in
            let rule = try impliedRule(context)
            try await identity.checkImpliedRole(try context.caller(), rule)
            return try Response.json(try await inferenceOne(rule, context))
        }
        group.head("roles/:id/implies/:implied") { _, context in
            try await identity.checkImpliedRole(try context.caller(), try impliedRule(context))
            return Response.empty(.noContent)
        }
        group.delete("roles/:id/implies/:implied") { _, context in
            try await identity.deleteImpliedRole(try context.caller(), try impliedRule(context))
            return Response.empty(.noContent)
        }
    }

    private func impliedRule(_ context: Context) throws -> RoleImplication {
        RoleImplication(priorRoleID: try context.parameter("id"), impliedRoleID: try context.parameter("implied"))
    }

    /// Groups rules by prior role: `{"prior_role": {...}, "implies": [...]}`.
    private func inferences(_ rules: [RoleImplication], _ context: Context) async throws -> [JSONValue] {
        let roles = try await identity.listRoles(try context.caller(), filter: IdentityListFilter())
        let byID = Dictionary(uniqueKeysWithValues: roles.map { ($0.id, $0) })
        let grouped = Dictionary(grouping: rules, by: \.priorRoleID)
        return grouped.keys.sorted().compactMap { priorID in
            guard let prior = byID[priorID] else { return nil }
            let implied = (grouped[priorID] ?? []).compactMap { byID[$0.impliedRoleID] }.map(render.roleReference)
            return ["prior_role": render.roleReference(prior), "implies": .array(implied)]
        }
    }

    private func inferenceOne(_ rule: RoleImplication, _ context: Context) async throws -> JSONValue {
        let caller = try context.caller()
        let prior = try await identity.getRole(caller, id: rule.priorRoleID)
        let implied = try await identity.getRole(caller, id: rule.impliedRoleID)
        return ["role_inference": ["prior_role": render.roleReference(prior), "implies": render.roleReference(implied)],
                "links": ["self": .string(render.v3 + "/roles/\(prior.id)/implies/\(implied.id)")]]
    }
}
