import Hummingbird
import StratusCore

extension ImageFront {
    /// `/v2/images/{id}/members[/{member}]`.
    func addMemberRoutes(_ group: RouterGroup<Context>) {
        group.post("images/:id/members") { request, context in
            let body = try JSONObjectReader(try await request.jsonBody(limit: context.maxUploadSize), field: "member")
            let member = try await images.addImageMember(
                try context.caller(), imageID: try context.parameter("id"), memberID: try body.requiredString("member"))
            return try Response.json(render.member(member))
        }
        group.get("images/:id/members") { _, context in
            let members = try await images.listImageMembers(try context.caller(), imageID: try context.parameter("id"))
            return try Response.json(["members": .array(members.map(render.member)), "schema": "/v2/schemas/members"])
        }
        group.get("images/:id/members/:member") { _, context in
            let member = try await images.showImageMember(
                try context.caller(), imageID: try context.parameter("id"), memberID: try context.parameter("member"))
            return try Response.json(render.member(member))
        }
        group.put("images/:id/members/:member") { request, context in
            let body = try JSONObjectReader(try await request.jsonBody(limit: context.maxUploadSize), field: "member")
            let text = try body.requiredString("status")
            guard let status = ImageMemberStatus(rawValue: text) else {
                throw APIError.badRequest("Provided object does not match schema 'member': '\(text)' is not one of ['pending', 'accepted', 'rejected']")
            }
            let member = try await images.updateImageMember(
                try context.caller(), imageID: try context.parameter("id"), memberID: try context.parameter("member"),
                status: status)
            return try Response.json(render.member(member))
        }
        group.delete("images/:id/members/:member") { _, context in
            try await images.deleteImageMember(
                try context.caller(), imageID: try context.parameter("id"), memberID: try context.parameter("member"))
            return Response.empty(.noContent)
        }
    }
}
