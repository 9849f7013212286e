import Foundation
import Hummingbird
import StratusCore

extension ComputeFront {
    /// `/servers/{id}/metadata[/{key}]`.
    func addServerMetadataRoutes(_ group: RouterGroup<Context>) {
        group.get("servers/:id/metadata") { _, context in
            let metadata = try await compute.serverMetadata(try context.caller(), id: try context.parameter("id"))
            return try Response.json(["metadata": Self.json(metadata)])
        }
        group.post("servers/:id/metadata") { request, context in
            let items = try await metadataBody(request, context)
            let metadata = try await compute.changeServerMetadata(
                try context.caller(), id: try context.parameter("id"), .merge(items))
            return try Response.json(["metadata": Self.json(metadata)])
        }
        group.put("servers/:id/metadata") { request, context in
            let items = try await metadataBody(request, context)
            let metadata = try await compute.changeServerMetadata(
                try context.caller(), id: try context.parameter("id"), .replace(items))
            return try Response.json(["metadata": Self.json(metadata)])
        }
        group.get("servers/:id/metadata/:key") { _, context in
            let key = try context.parameter("key")
            let metadata = try await compute.serverMetadata(try context.caller(), id: try context.parameter("id"))
            guard let value = metadata[key] else { throw APIError(.notFound, "Metadata item was not found") }
            return try Response.json(["meta": [key: .string(value)]])
        }
        group.put("servers/:id/metadata/:key") { request, context in
            let key = try context.parameter("key")
            let body = try JSONObjectReader(wrapped: try await request.jsonBody(limit: context.maxUploadSize), key: "meta")
            guard body.members.count == 1, let value = try body.string(key) else {
                throw APIError.badRequest(body.members.count > 1
                    ? "Request body contains too many items" : "Request body and URI mismatch")
            }
            _ = try await compute.changeServerMetadata(
                try context.caller(), id: try context.parameter("id"), .set(key: key, value: value))
            return try Response.json(["meta": [key: .string(value)]])
        }
        group.delete("servers/:id/metadata/:key") { _, context in
            _ = try await compute.changeServerMetadata(
                try context.caller(), id: try context.parameter("id"), .delete(key: try context.parameter("key")))
            return Response.empty(.noContent)
        }
    }

    private func metadataBody(_ request: Request, _ context: Context) async throws -> [String: String] {
        guard case .object(let top) = try await request.jsonBody(limit: context.maxUploadSize) else {
            throw APIError.badRequest("Malformed request body")
        }
        return try ServerRequestDecoder.stringMap(try JSONObjectReader(.object(top), field: "body"), "metadata")
    }

    static func json(_ metadata: [String: String]) -> JSONValue {
        .object(metadata.mapValues { .string($0) })
    }
}
