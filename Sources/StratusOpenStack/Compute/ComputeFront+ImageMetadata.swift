import Foundation
import Hummingbird
import StratusCore

extension ComputeFront {
    /// `/images/{id}/metadata[/{key}]` (Nova's `image_metadata.py`, until 2.35): the
    /// image's extra properties, written through Glance PATCH operations.
    func addImageMetadataRoutes(_ group: RouterGroup<Context>) {
        group.get("images/:id/metadata") { _, context in
            try requireImageProxy(context)
            let image = try await proxiedImage(context, id: try context.parameter("id"))
            return try Response.json(["metadata": Self.json(image.extraProperties)])
        }
        group.get("images/:id/metadata/:key") { _, context in
            try requireImageProxy(context)
            let key = try context.parameter("key")
            let image = try await proxiedImage(context, id: try context.parameter("id"))
            guard let value = image.extraProperties[key] else { throw APIError.notFound() }
            return try Response.json(["meta": [key: .string(value)]])
        }
        group.post("images/:id/metadata") { request, context in
            try requireImageProxy(context)
            let items = try await imageMetadataBody(request, context, field: "metadata")
            let image = try await proxiedImage(context, id: try context.parameter("id"))
            let merged = image.extraProperties.merging(items) { _, new in new }
            let updated = try await writeImageMetadata(context, image, merged)
            return try Response.json(["metadata": Self.json(updated.extraProperties)])
        }
        group.put("images/:id/metadata") { request, context in
            try requireImageProxy(context)
            let items = try await imageMetadataBody(request, context, field: "metadata")
            let image = try await proxiedImage(context, id: try context.parameter("id"))
            _ = try await writeImageMetadata(context, image, items)
            return try Response.json(["metadata": Self.json(items)])
        }
        group.put("images/:id/metadata/:key") { request, context in
            try requireImageProxy(context)
            let key = try context.parameter("key")
            let items = try await imageMetadataBody(request, context, field: "meta")
            guard items.count == 1 else {
                throw APIError.badRequest(
                    "Invalid input for field/attribute meta. Value: \(items). \(items.isEmpty ? "{} does not have enough properties" : "\(items) has too many properties")")
            }
            guard let value = items[key] else { throw APIError.badRequest("Request body and URI mismatch") }
            let image = try await proxiedImage(context, id: try context.parameter("id"))
            var properties = image.extraProperties
            properties[key] = value
            _ = try await writeImageMetadata(context, image, properties)
            return try Response.json(["meta": [key: .string(value)]])
        }
        group.delete("images/:id/metadata/:key") { _, context in
            try requireImageProxy(context)
            let key = try context.parameter("key")
            let image = try await proxiedImage(context, id: try context.parameter("id"))
            var properties = image.extraProperties
            guard properties.removeValue(forKey: key) != nil else { throw APIError(.notFound, "Invalid metadata key") }
            _ = try await writeImageMetadata(context, image, properties)
            return Response.empty(.noContent)
        }
    }

    /// The image service replaces the properties (quota, then one PATCH); its
    /// refusals are worded as Nova's proxy words them.
    private func writeImageMetadata(_ context: Context, _ image: Image, _ properties: [String: String]) async throws -> Image {
        let caller = try context.caller()
        let limit = try await compute.metadataItemsLimit(caller)
        do {
            return try await images.replaceExtraProperties(caller, id: image.id, with: properties, limit: limit)
        } catch is ImageMetadataQuotaExceeded {
            throw APIError(.forbidden, "Image metadata limit exceeded")
        } catch ImageError.notFound {
            throw APIError(.notFound, "Image not found.")
        } catch ImageError.forbidden {
            // glanceclient's 403 becomes Nova's ImageNotAuthorized.
            throw APIError(.forbidden, "Not authorized for image \(image.id).")
        }
    }

    /// Nova's `parameter_types.metadata` under `field`: keys of 1–255 of
    /// `[a-zA-Z0-9-_:. ]`, string values of at most 255 characters.
    private func imageMetadataBody(_ request: Request, _ context: Context, field: String) async throws -> [String: String] {
        guard case .object(let top) = try await request.jsonBody(limit: context.maxUploadSize) else {
            throw APIError.badRequest("Malformed request body")
        }
        if let extra = top.keys.sorted().first(where: { $0 != field }) {
            throw APIError.badRequest("Invalid input for field/attribute body. Additional properties are not allowed ('\(extra)' was unexpected)")
        }
        guard top[field] != nil else { throw APIError.badRequest("Invalid input for field/attribute body. '\(field)' is a required property") }
        let items = try ServerRequestDecoder.stringMap(try JSONObjectReader(.object(top), field: "body"), field)
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_:. ")
        for (key, value) in items.sorted(by: { $0.key < $1.key }) {
            guard (1...255).contains(key.count), key.unicodeScalars.allSatisfy(allowed.contains) else {
                throw APIError.badRequest("Invalid input for field/attribute \(field). Additional properties are not allowed ('\(key)' was unexpected)")
            }
            guard value.count <= 255 else {
                throw APIError.badRequest("Invalid input for field/attribute \(key). Value: \(value). '\(value)' is too long")
            }
        }
        return items
    }
}
