/// What is happening to an instance right now: Nova's `task_state`
/// (`nova/objects/fields.py`, `InstanceTaskState`), `nil` when nothing is.
///
/// A task is set when the API accepts an action, before any host works on it, so a
/// second conflicting action is refused at once; the host clears it when it is done.
/// Several tasks are steps of one action (a resize goes `resize_prep` →
/// `resize_migrating` → `resize_migrated` → `resize_finish`), which is why there are
/// more task states than actions.
public enum TaskState: String, Sendable, Hashable, CaseIterable {
    // Building.
    case scheduling
    case blockDeviceMapping = "block_device_mapping"
    case networking
    case spawning

    // Snapshots and backups.
    case imageSnapshot = "image_snapshot"
    case imageSnapshotPending = "image_snapshot_pending"
    case imagePendingUpload = "image_pending_upload"
    case imageUploading = "image_uploading"
    case imageBackup = "image_backup"

    case updatingPassword = "updating_password"

    // Resize and cold migration.
    case resizePrep = "resize_prep"
    case resizeMigrating = "resize_migrating"
    case resizeMigrated = "resize_migrated"
    case resizeFinish = "resize_finish"
    case resizeReverting = "resize_reverting"
    /// Defined by Nova but never set by it: confirming a resize leaves the task empty.
    case resizeConfirming = "resize_confirming"

    // Reboots.
    case rebooting
    case rebootPending = "reboot_pending"
    case rebootStarted = "reboot_started"
    case rebootingHard = "rebooting_hard"
    case rebootPendingHard = "reboot_pending_hard"
    case rebootStartedHard = "reboot_started_hard"

    case pausing
    case unpausing
    case suspending
    case resuming
    /// Nova's only task strings with hyphens, with `soft-deleting`.
    case poweringOff = "powering-off"
    case poweringOn = "powering-on"
    case rescuing
    case unrescuing

    // Rebuild.
    case rebuilding
    case rebuildBlockDeviceMapping = "rebuild_block_device_mapping"
    case rebuildSpawning = "rebuild_spawning"

    /// Live migration (cold migration uses the resize tasks).
    case migrating
    case deleting
    case softDeleting = "soft-deleting"
    case restoring

    // Shelving.
    case shelving
    case shelvingImagePendingUpload = "shelving_image_pending_upload"
    case shelvingImageUploading = "shelving_image_uploading"
    case shelvingOffloading = "shelving_offloading"
    case unshelving
}
