import Foundation

/// The image part of the Store port. Reads return rows as stored (deleted images
/// included, so ids are never reused); who may see them is `ImageAccess`'s
/// decision. Writes go through the same `commit([StoreChange])` as identity and
/// compute, so an image change and its audit record are one transaction.
public protocol ImageStore: Sendable {
    func image(id: String) async throws -> Image?
    /// The images `viewer` may list under `query`, ordered by `query.sort` (complete:
    /// it ends with `created_at` and `id`), starting after `marker` (an image the
    /// caller already read), at most `query.limit`. Exactly the images
    /// `ImageAccess.isListed` admits, matched against the query's other fields.
    func images(_ query: ImageListQuery, viewer: ImageViewer, after marker: Image?) async throws -> [Image]
    /// Images in one status, oldest first (recovery after a crash).
    func images(status: ImageStatus) async throws -> [Image]
    func imageMember(imageID: String, memberID: String) async throws -> ImageMember?
    /// Oldest first.
    func imageMembers(imageID: String) async throws -> [ImageMember]

    func commit(_ changes: [StoreChange]) async throws
}
