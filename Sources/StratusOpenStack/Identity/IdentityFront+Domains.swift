import Hummingbird
import StratusCore

extension IdentityFront {
    func addDomainRoutes(_ group: RouterGroup<Context>) {
        group.get("domains") { request, context in
            let domains = try await identity.listDomains(try context.caller(), filter: request.identityListFilter)
            return try Response.json(render.list("domains", domains.map(render.domain), path: "domains"))
        }
        group.post("domains") { request, context in
            let body = try JSONObjectReader(try await request.jsonBody(limit: context.maxUploadSize)["domain"], field: "domain")
            let draft = DomainDraft(
                name: try body.requiredString("name"), description: try body.string("description") ?? "",
                enabled: try body.bool("enabled") ?? true)
            let domain = try await identity.createDomain(try context.caller(), draft)
            return try Response.json(["domain": render.domain(domain)], status: .created)
        }
        group.get("domains/:id") { _, context in
            let domain = try await identity.getDomain(try context.caller(), id: try context.parameter("id"))
            return try Response.json(["domain": render.domain(domain)])
        }
        group.patch("domains/:id") { request, context in
            let body = try JSONObjectReader(try await request.jsonBody(limit: context.maxUploadSize)["domain"], field: "domain")
            let patch = DomainPatch(
                name: try body.string("name"), description: try body.string("description"), enabled: try body.bool("enabled"))
            let domain = try await identity.updateDomain(try context.caller(), id: try context.parameter("id"), patch)
            return try Response.json(["domain": render.domain(domain)])
        }
        group.delete("domains/:id") { _, context in
            try await identity.deleteDomain(try context.caller(), id: try context.parameter("id"))
            return Response.empty(.noContent)
        }
    }
}
