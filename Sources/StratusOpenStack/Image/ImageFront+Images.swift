import Foundation
import HTTPTypes
import Hummingbird
import StratusCore

extension ImageFront {
    /// `/v2/images[/{id}]`: create, list, show, delete.
    func addImageRoutes(_ group: RouterGroup<Context>) {
        group.post("images") { request, context in
            let draft = try ImageRequestDecoder.draft(try await request.jsonBody(limit: context.maxUploadSize))
            let image = try await images.createImage(try context.caller(), draft)
            var headers = HTTPFields()
            headers[.location] = imageURL + "/v2/images/" + image.id
            return try Response.json(render.image(image), status: .created, headers: headers)
        }
        group.get("images") { request, context in
            // `/v2/images/` is an image with an empty id, not the list (the router
            // drops the trailing slash).
            guard !request.uri.path.hasSuffix("/") else { throw APIError.notFound() }
            let page = try await images.listImages(try context.caller(), try ImageListRequest.query(request))
            var body: [String: JSONValue] = [
                "images": .array(page.images.map(render.image)),
                "first": .string(ImageListRequest.first(request)), "schema": "/v2/schemas/images",
            ]
            if let marker = page.nextMarker { body["next"] = .string(ImageListRequest.next(request, marker: marker)) }
            return try Response.json(.object(body))
        }
        group.get("images/:id") { _, context in
            try Response.json(render.image(try await images.showImage(try context.caller(), id: try context.parameter("id"))))
        }
        group.delete("images/:id") { _, context in
            try await images.deleteImage(try context.caller(), id: try context.parameter("id"))
            return Response.empty(.noContent)
        }
        // Glance 2.12's tasks of an image (imports, location updates). Stratus has no
        // tasks API, so no task ever ran on an image: the list is empty, for images
        // the caller may see.
        group.get("images/:id/tasks") { _, context in
            _ = try await images.showImage(try context.caller(), id: try context.parameter("id"))
            return try Response.json(["tasks": []])
        }
    }

    /// `PATCH /v2/images/{id}` with a JSON-patch media type; any other is 415 with
    /// the accepted ones in `Accept-Patch`, as Glance answers.
    func addPatchRoute(_ group: RouterGroup<Context>) {
        group.patch("images/:id") { request, context in
            let mediaType = (request.headers[.contentType] ?? "").split(separator: ";").first
                .map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            guard let dialect = ImageRequestDecoder.patchMediaTypes[mediaType] else {
                var headers = HTTPFields()
                headers[HTTPField.Name("Accept-Patch")!] = ImageRequestDecoder.patchMediaTypes.keys.sorted().joined(separator: ", ")
                let error = APIError(.unsupportedMediaType, "Unsupported Content-Type '\(mediaType)' for PATCH.")
                return try ErrorFormat.glance.response(error, accept: request.headers[.accept], headers: headers)
            }
            let operations = try ImageRequestDecoder.patch(
                try await request.jsonBody(limit: context.maxUploadSize, mediaTypeChecked: true))
            let image = try await images.updateImage(
                try context.caller(), id: try context.parameter("id"), operations: operations, dialect: dialect)
            return try Response.json(render.image(image))
        }
    }
}
