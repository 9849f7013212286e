import Foundation
import Hummingbird
import StratusCore

extension ComputeFront {
    /// `/servers/{id}/tags[/{tag}]`, from 2.26 (before it the routes do not exist: 404).
    func addServerTagRoutes(_ group: RouterGroup<Context>) {
        group.get("servers/:id/tags") { _, context in
            try Self.requireTags(context)
            let tags = try await compute.serverTags(try context.caller(), id: try context.parameter("id"))
            return try Response.json(["tags": .array(tags.map(JSONValue.string))])
        }
        group.put("servers/:id/tags") { request, context in
            try Self.requireTags(context)
            let body = try JSONObjectReader(try await request.jsonBody(limit: context.maxUploadSize), field: "body")
            try ServerRequestDecoder.rejectUnknown(body, allowed: ["tags"], field: "")
            guard let tags = try body.stringArray("tags") else {
                throw APIError.badRequest("Invalid input for field/attribute . 'tags' is a required property")
            }
            let saved = try await compute.replaceServerTags(try context.caller(), id: try context.parameter("id"), tags: tags)
            return try Response.json(["tags": .array(saved.map(JSONValue.string))])
        }
        group.delete("servers/:id/tags") { _, context in
            try Self.requireTags(context)
            try await compute.deleteServerTags(try context.caller(), id: try context.parameter("id"))
            return Response.empty(.noContent)
        }
        group.get("servers/:id/tags/:tag") { _, context in
            try Self.requireTags(context)
            try await compute.requireServerTag(
                try context.caller(), id: try context.parameter("id"), tag: try context.parameter("tag"))
            return Response.empty(.noContent)
        }
        group.put("servers/:id/tags/:tag") { request, context in
            try Self.requireTags(context)
            // The body, if any, must be null (Nova's schema for this call).
            if let body = try await request.optionalJSONBody(limit: context.maxUploadSize) {
                guard body == .null else {
                    throw APIError.badRequest("Invalid input for field/attribute . Value: \(body). \(body) is not of type 'null'")
                }
            }
            let id = try context.parameter("id")
            let tag = try context.parameter("tag")
            guard try await compute.addServerTag(try context.caller(), id: id, tag: tag) else {
                return Response.empty(.noContent)
            }
            var response = Response.empty(.created)
            response.headers[.location] = "\(render.v21)/servers/\(id)/tags/\(tag)"
            return response
        }
        group.delete("servers/:id/tags/:tag") { _, context in
            try Self.requireTags(context)
            try await compute.deleteServerTag(
                try context.caller(), id: try context.parameter("id"), tag: try context.parameter("tag"))
            return Response.empty(.noContent)
        }
    }

    static func requireTags(_ context: Context) throws {
        if context.computeVersion < Microversion(2, 26) { throw APIError.notFound() }
    }
}
