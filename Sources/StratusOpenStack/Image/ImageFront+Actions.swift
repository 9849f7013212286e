import Hummingbird
import StratusCore

extension ImageFront {
    /// `POST /v2/images/{id}/actions/{deactivate|reactivate}` and
    /// `PUT|DELETE /v2/images/{id}/tags/{tag}`: 204 on success.
    func addActionRoutes(_ group: RouterGroup<Context>) {
        group.post("images/:id/actions/deactivate") { _, context in
            try await images.deactivateImage(try context.caller(), id: try context.parameter("id"))
            return Response.empty(.noContent)
        }
        group.post("images/:id/actions/reactivate") { _, context in
            try await images.reactivateImage(try context.caller(), id: try context.parameter("id"))
            return Response.empty(.noContent)
        }
        group.put("images/:id/tags/:tag") { _, context in
            try await images.addImageTag(try context.caller(), id: try context.parameter("id"), tag: try context.parameter("tag"))
            return Response.empty(.noContent)
        }
        group.delete("images/:id/tags/:tag") { _, context in
            try await images.deleteImageTag(
                try context.caller(), id: try context.parameter("id"), tag: try context.parameter("tag"))
            return Response.empty(.noContent)
        }
    }
}
