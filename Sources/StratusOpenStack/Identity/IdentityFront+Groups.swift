import Hummingbird
import StratusCore

extension IdentityFront {
    /// `/v3/groups`, membership, and `/v3/users/{id}/groups`.
    func addGroupRoutes(_ group: RouterGroup<Context>) {
        group.get("groups") { request, context in
            let groups = try await identity.listGroups(try context.caller(), filter: request.identityListFilter)
            return try Response.json(render.list("groups", groups.map(render.group), path: "groups"))
        }
        group.post("groups") { request, context in
            let body = try JSONObjectReader(try await request.jsonBody(limit: context.maxUploadSize)["group"], field: "group")
            let draft = GroupDraft(
                name: try body.requiredString("name"), domainID: try body.string("domain_id"),
                description: try body.nullableString("description").flatMap { $0 } ?? "")
            let created = try await identity.createGroup(try context.caller(), draft)
            return try Response.json(["group": render.group(created)], status: .created)
        }
        group.get("groups/:id") { _, context in
            let found = try await identity.getGroup(try context.caller(), id: try context.parameter("id"))
            return try Response.json(["group": render.group(found)])
        }
        group.patch("groups/:id") { request, context in
            let body = try JSONObjectReader(try await request.jsonBody(limit: context.maxUploadSize)["group"], field: "group")
            let patch = GroupPatch(name: try body.string("name"), description: try body.string("description"))
            let updated = try await identity.updateGroup(try context.caller(), id: try context.parameter("id"), patch)
            return try Response.json(["group": render.group(updated)])
        }
        group.delete("groups/:id") { _, context in
            try await identity.deleteGroup(try context.caller(), id: try context.parameter("id"))
            return Response.empty(.noContent)
        }
        group.get("groups/:id/users") { _, context in
            let groupID = try context.parameter("id")
            let users = try await identity.listGroupMembers(try context.caller(), groupID: groupID)
            return try Response.json(render.list("users", users.map(render.user), path: "groups/\(groupID)/users"))
        }
        group.put("groups/:id/users/:user") { _, context in
            try await identity.addGroupMember(
                try context.caller(), groupID: try context.parameter("id"), userID: try context.parameter("user"))
            return Response.empty(.noContent)
        }
        for method in [HTTPRequest.Method.head, .get] {
            group.on("groups/:id/users/:user", method: method) { _, context in
                try await identity.checkGroupMember(
                    try context.caller(), groupID: try context.parameter("id"), userID: try context.parameter("user"))
                return Response.empty(.noContent)
            }
        }
        group.delete("groups/:id/users/:user") { _, context in
            try await identity.removeGroupMember(
                try context.caller(), groupID: try context.parameter("id"), userID: try context.parameter("user"))
            return Response.empty(.noContent)
        }
        group.get("users/:id/groups") { _, context in
            let userID = try context.parameter("id")
            let groups = try await identity.listGroupsOfUser(try context.caller(), userID: userID)
            return try Response.json(render.list("groups", groups.map(render.group), path: "users/\(userID)/groups"))
        }
    }
}

extension IdentityRenderer {
    func group(_ group: Group) -> JSONValue {
        [
            "id": .string(group.id), "name": .string(group.name), "domain_id": .string(group.domainID),
            "description": .string(group.description),
            "links": ["self": .string("\(v3)/groups/\(group.id)")],
        ]
    }
}
