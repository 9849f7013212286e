import Hummingbird
import StratusCore

extension IdentityFront {
    /// `/v3/projects/{id}/tags[/{tag}]`
    func addProjectTagRoutes(_ group: RouterGroup<Context>) {
        group.get("projects/:id/tags") { _, context in
            let tags = try await identity.projectTags(try context.caller(), id: try context.parameter("id"))
            return try Response.json(["tags": .array(tags.map(JSONValue.string))])
        }
        group.put("projects/:id/tags") { request, context in
            let body = try JSONObjectReader(try await request.jsonBody(limit: context.maxUploadSize), field: "body")
            guard let tags = try body.stringArray("tags") else {
                throw APIError.badRequest("'tags' is a required property")
            }
            let result = try await identity.changeProjectTags(
                try context.caller(), id: try context.parameter("id"), .replaceAll(tags))
            return try Response.json(["tags": .array(result.map(JSONValue.string))])
        }
        group.delete("projects/:id/tags") { _, context in
            try await identity.changeProjectTags(try context.caller(), id: try context.parameter("id"), .removeAll)
            return Response.empty(.noContent)
        }
        for method in [HTTPRequest.Method.get, .head] {
            group.on("projects/:id/tags/:tag", method: method) { _, context in
                let tag = try context.parameter("tag")
                let tags = try await identity.projectTags(try context.caller(), id: try context.parameter("id"))
                guard tags.contains(tag) else { throw IdentityError.notFound(kind: "tag", id: tag) }
                return Response.empty(.noContent)
            }
        }
        group.put("projects/:id/tags/:tag") { _, context in
            try await identity.changeProjectTags(
                try context.caller(), id: try context.parameter("id"), .add(try context.parameter("tag")))
            return Response.empty(.created)
        }
        group.delete("projects/:id/tags/:tag") { _, context in
            try await identity.changeProjectTags(
                try context.caller(), id: try context.parameter("id"), .remove(try context.parameter("tag")))
            return Response.empty(.noContent)
        }
    }
}
