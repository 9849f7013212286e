import Foundation

/// The Block Storage part of the Store port. Writes go through `commit`, in the
/// same transaction as a server's change when compute attaches, detaches or
/// deletes; the store's unique index on an attachment's volume is the guarantee
/// that two servers never hold one volume.
public protocol VolumeStore: ProjectQuotaStore {
    func volume(id: String) async throws -> Volume?
    /// A project's volumes, or every project's when nil, newest first (Cinder's `created_at desc`).
    func volumes(projectID: String?) async throws -> [Volume]
    /// The attachments of these volumes, by volume id, in one read.
    func volumeAttachments(volumeIDs: [String]) async throws -> [String: VolumeAttachment]
    /// The attachments of these servers, oldest first, in one read.
    func volumeAttachments(instanceIDs: [String]) async throws -> [VolumeAttachment]
    /// Attachments on `hostID`'s live servers that wait for its agent
    /// (attaching or detaching): the host's volume work.
    func pendingVolumeAttachments(hostID: String) async throws -> [VolumeAttachment]
    func commit(_ changes: [StoreChange]) async throws
}
