import Hummingbird
import StratusCore

extension IdentityFront {
    func addProjectRoutes(_ group: RouterGroup<Context>) {
        group.get("projects") { request, context in
            let projects = try await identity.listProjects(try context.caller(), filter: request.identityListFilter)
            return try Response.json(render.list("projects", projects.map(render.project), path: "projects"))
        }
        group.post("projects") { request, context in
            let body = try JSONObjectReader(try await request.jsonBody(limit: context.maxUploadSize)["project"], field: "project")
            if try body.bool("is_domain") == true {
                throw APIError.badRequest("Projects acting as domains are not supported; create a domain instead.")
            }
            // Projects sit directly under their domain; a deeper parent would be silently flattened.
            if let parent = try body.string("parent_id"), parent != (try body.string("domain_id") ?? Domain.defaultID) {
                throw APIError.badRequest("Hierarchical projects are not supported; parent_id must be the project's domain.")
            }
            let draft = ProjectDraft(
                name: try body.requiredString("name"), domainID: try body.string("domain_id"),
                description: try body.string("description") ?? "", enabled: try body.bool("enabled") ?? true,
                tags: try body.stringArray("tags") ?? [])
            let project = try await identity.createProject(try context.caller(), draft)
            return try Response.json(["project": render.project(project)], status: .created)
        }
        group.get("projects/:id") { _, context in
            let project = try await identity.getProject(try context.caller(), id: try context.parameter("id"))
            return try Response.json(["project": render.project(project)])
        }
        group.patch("projects/:id") { request, context in
            let body = try JSONObjectReader(try await request.jsonBody(limit: context.maxUploadSize)["project"], field: "project")
            let patch = ProjectPatch(
                name: try body.string("name"), description: try body.string("description"),
                enabled: try body.bool("enabled"), tags: try body.stringArray("tags"))
            let project = try await identity.updateProject(try context.caller(), id: try context.parameter("id"), patch)
            return try Response.json(["project": render.project(project)])
        }
        group.delete("projects/:id") { _, context in
            try await identity.deleteProject(try context.caller(), id: try context.parameter("id"))
            return Response.empty(.noContent)
        }
    }
}
