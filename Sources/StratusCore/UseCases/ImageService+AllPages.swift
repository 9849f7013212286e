import Foundation

extension ImageService {
    /// Every page of `query` up to `limit` images (all when nil), as glanceclient
    /// follows Glance's pages for Nova's image proxy.
    public func listImagesFollowingPages(_ caller: Caller, _ query: ImageListQuery, limit: Int?) async throws -> [Image] {
        var query = query
        var found: [Image] = []
        while true {
            let wanted = limit.map { $0 - found.count } ?? settings.maxListLimit
            guard wanted > 0 else { break }
            query.limit = min(wanted, settings.maxListLimit)
            let page = try await listImages(caller, query)
            found += page.images
            guard let next = page.nextMarker else { break }
            query.marker = next
        }
        return found
    }

    /// Nova's image metadata writes (`update(purge_props=True)`): the extra
    /// properties become exactly `properties`, as one PATCH with the image API's
    /// rules. `limit` is the caller's `metadata_items` quota (-1: none).
    public func replaceExtraProperties(
        _ caller: Caller, id: String, with properties: [String: String], limit: Int
    ) async throws -> Image {
        if limit >= 0, properties.count > limit { throw ImageMetadataQuotaExceeded() }
        let image = try await visibleImage(id, caller).0
        var operations = image.extraProperties.keys.filter { properties[$0] == nil }.sorted()
            .map { ImagePatchOperation(.remove, path: [$0]) }
        for (key, value) in properties.sorted(by: { $0.key < $1.key }) where image.extraProperties[key] != value {
            operations.append(ImagePatchOperation(.add, path: [key], value: .string(value)))
        }
        return try await updateImage(caller, id: id, operations: operations)
    }
}

/// Nova's `check_img_metadata_properties_quota` refusal (403 "Image metadata limit exceeded").
public struct ImageMetadataQuotaExceeded: Error, Sendable, Equatable {
    public init() {}
}
