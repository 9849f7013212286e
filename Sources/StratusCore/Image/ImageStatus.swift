import Foundation

/// Where an image is in its life, with Glance's words (`glance/domain/__init__.py`).
/// Only `active` images have data a client may read; `deactivated` keeps the data but
/// withholds it from everyone but administrators.
public enum ImageStatus: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Id reserved, no data yet.
    case queued
    /// Data being written through the classic upload (`PUT .../file`).
    case saving
    /// Data stored, verified and readable.
    case active
    /// The upload failed (short data, bad checksum, bad signature); never readable.
    case killed
    /// Gone. Kept as a row so the id is not reused.
    case deleted
    /// Deleted, data not yet scrubbed; Glance's scrubber may still restore it.
    case pendingDelete = "pending_delete"
    /// Data withheld from non-administrators (a bad image taken out of service).
    case deactivated
    /// Data staged by the interoperable import flow, not yet imported.
    case uploading
    /// The import flow is moving staged data into the store.
    case importing

    /// The statuses each status may move to, as Glance's domain allows. Moving to the
    /// same status is not in the table (Glance raises for it too); deactivate and
    /// reactivate treat their no-op cases before asking.
    ///
    /// `saving → queued` and `importing → queued` let an interrupted upload be retried
    /// instead of leaving the image `killed`; `pending_delete → active` is the
    /// scrubber's restore.
    public var allowedTargets: Set<ImageStatus> {
        switch self {
        case .queued: [.saving, .uploading, .importing, .active, .deleted]
        case .saving: [.active, .killed, .deleted, .queued]
        case .uploading: [.importing, .queued, .deleted]
        case .importing: [.active, .deleted, .queued]
        case .active: [.pendingDelete, .deleted, .deactivated]
        case .killed: [.deleted]
        case .pendingDelete: [.deleted, .active]
        case .deleted: []
        case .deactivated: [.active, .deleted]
        }
    }

    /// Rows in these statuses are invisible to every caller, administrators included,
    /// as Glance's database layer hides rows marked deleted.
    public var isGone: Bool { self == .deleted || self == .pendingDelete }

    /// `target` when the move is legal; otherwise a 409 in Glance's words.
    public func transition(to target: ImageStatus) throws(ImageError) -> ImageStatus {
        guard allowedTargets.contains(target) else {
            throw .conflict("Image status transition from \(rawValue) to \(target.rawValue) is not allowed")
        }
        return target
    }
}
