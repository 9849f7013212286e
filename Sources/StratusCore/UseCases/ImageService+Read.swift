import Foundation

extension ImageService {
    public func showImage(_ caller: Caller, id: String) async throws -> Image {
        let (image, _) = try await visibleImage(id, caller)
        try authorize(.getImage, caller, image: image)
        return image
    }

    /// One page, as Glance pages: at most `limit` (default 25, at most 1000), after
    /// `marker`, with the next marker when the page is full.
    public func listImages(_ caller: Caller, _ query: ImageListQuery) async throws -> ImagePage {
        try authorize(.getImages, caller)
        var query = query
        let limit = min(query.limit ?? settings.defaultListLimit, settings.maxListLimit)
        guard limit >= 0 else { throw ImageError.badRequest("limit param must be positive") }
        query.limit = limit
        var marker: Image?
        if let markerID = query.marker {
            do {
                marker = try await visibleImage(markerID, caller).0
            } catch is ImageError {
                // A marker the caller cannot see is as unknown as one that does not exist.
                throw ImageError.badRequest("No image found with ID \(markerID)")
            }
        }
        let images = try await store.images(query, viewer: ImageViewer(caller.auth), after: marker)
        let next = limit > 0 && images.count == limit ? images.last?.id : nil
        return ImagePage(images: images, nextMarker: next)
    }
}
