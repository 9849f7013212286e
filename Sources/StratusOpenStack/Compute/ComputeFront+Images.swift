import Foundation
import Hummingbird
import StratusCore

extension ComputeFront {
    /// Nova's image proxy (`images.py`), served until 2.35: Glance's images as the
    /// caller may see them at the image service, in Nova's shapes and words.
    func addImageRoutes(_ group: RouterGroup<Context>) {
        group.get("images") { request, context in
            try requireImageProxy(context)
            let found = try await listProxiedImages(request, context)
            return try Response.json(imageList(request, found.map(render.imageSummary), found, path: "images"))
        }
        group.get("images/detail") { request, context in
            try requireImageProxy(context)
            let found = try await listProxiedImages(request, context)
            return try Response.json(imageList(request, found.map(render.image), found, path: "images/detail"))
        }
        group.get("images/:id") { _, context in
            try requireImageProxy(context)
            let image = try await proxiedImage(context, id: try context.parameter("id"))
            return try Response.json(["image": render.image(image)])
        }
        group.delete("images/:id") { _, context in
            try requireImageProxy(context)
            do {
                try await images.deleteImage(try context.caller(), id: try context.parameter("id"))
            } catch ImageError.notFound {
                throw APIError(.notFound, "Image not found.")
            } catch ImageError.forbidden {
                // Protected, or not the caller's: Nova words every refusal the same.
                throw APIError(.forbidden, "You are not allowed to delete the image.")
            }
            return Response.empty(.noContent)
        }
    }

    /// 2.36 retired the proxies: Nova answers as for a method no version serves.
    func requireImageProxy(_ context: Context) throws {
        guard context.computeVersion < Microversion(2, 36) else { throw APIError.notFound() }
    }

    /// Nova's image API `get`: any way of not finding it is "Image not found.".
    func proxiedImage(_ context: Context, id: String) async throws -> Image {
        do {
            return try await images.showImage(try context.caller(), id: id)
        } catch ImageError.notFound {
            throw APIError(.notFound, "Image not found.")
        }
    }

    /// Glance's pages, followed as glanceclient follows them for Nova, up to `limit`.
    private func listProxiedImages(_ request: Request, _ context: Context) async throws -> [Image] {
        let parsed = try ImageProxyListRequest(request)
        guard !parsed.matchesNothing else { return [] }
        return try await images.listImagesFollowingPages(try context.caller(), parsed.query, limit: parsed.limit)
    }

    private func imageList(_ request: Request, _ items: [JSONValue], _ found: [Image], path: String) -> JSONValue {
        var body: [String: JSONValue] = ["images": .array(items)]
        if let next = render.nextLinks(request, path: path, count: found.count, lastID: found.last?.id) {
            body["images_links"] = next
        }
        return .object(body)
    }
}
