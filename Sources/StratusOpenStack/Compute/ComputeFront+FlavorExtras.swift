import Hummingbird
import StratusCore

extension ComputeFront {
    /// `/flavors/{id}/os-extra_specs[/{key}]`, `/flavors/{id}/os-flavor-access`
    /// and the `addTenantAccess` / `removeTenantAccess` actions.
    func addFlavorExtraRoutes(_ group: RouterGroup<Context>) {
        group.get("flavors/:id/os-extra_specs") { _, context in
            let specs = try await compute.flavorExtraSpecs(try context.caller(), flavorID: try context.parameter("id"))
            return try Response.json(["extra_specs": .object(specs.mapValues(JSONValue.string))])
        }
        group.post("flavors/:id/os-extra_specs") { request, context in
            let body = try JSONObjectReader(wrapped: try await request.jsonBody(limit: context.maxUploadSize), key: "extra_specs")
            let specs = try Self.specStrings(body.members)
            let saved = try await compute.setFlavorExtraSpecs(
                try context.caller(), flavorID: try context.parameter("id"), specs)
            return try Response.json(["extra_specs": .object(saved.mapValues(JSONValue.string))])
        }
        group.get("flavors/:id/os-extra_specs/:key") { _, context in
            let key = try context.parameter("key")
            let value = try await compute.flavorExtraSpec(try context.caller(), flavorID: try context.parameter("id"), key: key)
            return try Response.json([key: .string(value)])
        }
        group.put("flavors/:id/os-extra_specs/:key") { request, context in
            let key = try context.parameter("key")
            let body = try JSONObjectReader(try await request.jsonBody(limit: context.maxUploadSize), field: "body")
            guard body.members.count == 1 else { throw APIError.badRequest("Request body contains too many items") }
            guard body.members[key] != nil else { throw APIError.badRequest("Request body and URI mismatch") }
            let specs = try Self.specStrings(body.members)
            try await compute.setFlavorExtraSpecs(
                try context.caller(), flavorID: try context.parameter("id"), specs, action: .updateExtraSpec)
            return try Response.json(.object(specs.mapValues(JSONValue.string)))
        }
        group.delete("flavors/:id/os-extra_specs/:key") { _, context in
            try await compute.deleteFlavorExtraSpec(
                try context.caller(), flavorID: try context.parameter("id"), key: try context.parameter("key"))
            // Nova's delete here carries no response decorator: 200, empty.
            return Response.empty(.ok)
        }
        group.get("flavors/:id/os-flavor-access") { _, context in
            let flavorID = try context.parameter("id")
            let projects = try await compute.flavorAccess(try context.caller(), flavorID: flavorID)
            return try Response.json(render.flavorAccess(flavorID, projects))
        }
        group.post("flavors/:id/action") { request, context in
            let flavorID = try context.parameter("id")
            let body = try JSONObjectReader(try await request.jsonBody(limit: context.maxUploadSize), field: "body")
            let projects: [String]
            if let add = try body.object("addTenantAccess") {
                // 2.7 made access to a public flavor a conflict; before, Nova records it.
                projects = try await compute.addFlavorAccess(
                    try context.caller(), flavorID: flavorID, projectID: try add.requiredString("tenant"),
                    allowPublic: context.computeVersion < Microversion(2, 7))
            } else if let remove = try body.object("removeTenantAccess") {
                projects = try await compute.removeFlavorAccess(
                    try context.caller(), flavorID: flavorID, projectID: try remove.requiredString("tenant"))
            } else {
                throw APIError.badRequest("There is no such action: \(body.members.keys.sorted().joined(separator: ", "))")
            }
            return try Response.json(render.flavorAccess(flavorID, projects))
        }
    }

    /// Nova stores extra spec values as strings; numbers and booleans are accepted and stringified.
    static func specStrings(_ members: [String: JSONValue]) throws -> [String: String] {
        var specs: [String: String] = [:]
        for (key, value) in members {
            switch value {
            case .string(let text): specs[key] = text
            case .int(let number): specs[key] = String(number)
            case .double(let number): specs[key] = String(number)
            case .bool(let flag): specs[key] = flag ? "True" : "False"
            default:
                throw APIError.badRequest("Invalid input for field/attribute extra_specs. Value: \(key).")
            }
        }
        return specs
    }
}

extension ComputeRenderer {
    func flavorAccess(_ flavorID: String, _ projects: [String]) -> JSONValue {
        ["flavor_access": .array(projects.map { ["flavor_id": .string(flavorID), "tenant_id": .string($0)] })]
    }
}
