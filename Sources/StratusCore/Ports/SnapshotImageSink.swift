import Foundation

/// How compute writes a server's snapshot through the image service: the image is
/// created as the caller, under the image API's own policy and trust rules (so a
/// cloud where only administrators bring images in refuses a member's snapshot
/// too), and the host's data arrives later as that image's upload.
public protocol SnapshotImageSink: Sendable {
    /// A queued, private image for the snapshot, created as `caller`.
    func createSnapshotImage(_ caller: Caller, _ draft: ImageDraft) async throws -> Image
    /// The snapshot's data: the image goes saving → active, exactly as an upload.
    func receiveSnapshotData(imageID: String, requestID: String, chunks: ImageDataChunks) async throws
    /// A snapshot that failed: its image, still without data, goes away.
    func discardSnapshotImage(imageID: String, requestID: String) async throws
    /// After a backup: the server's active backups of `backupType` beyond the
    /// newest `keep` are deleted (Nova's `_rotate_backups`).
    func rotateBackups(instanceID: String, projectID: String, backupType: String, keep: Int, requestID: String) async throws
}

/// For a compute service without an image service: snapshots are refused.
public struct NoSnapshotImages: SnapshotImageSink {
    public init() {}
    public func createSnapshotImage(_ caller: Caller, _ draft: ImageDraft) async throws -> Image {
        throw ComputeError.badRequest("This cloud has no image service to write snapshots to.")
    }
    public func receiveSnapshotData(imageID: String, requestID: String, chunks: ImageDataChunks) async throws {
        throw ComputeError.badRequest("This cloud has no image service to write snapshots to.")
    }
    public func discardSnapshotImage(imageID: String, requestID: String) async throws {}
    public func rotateBackups(instanceID: String, projectID: String, backupType: String, keep: Int, requestID: String) async throws {}
}
