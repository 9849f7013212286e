/// What an instance is when no task is running on it: Nova's `vm_state`, with Nova's
/// words (`nova/objects/fields.py`, `InstanceState`), so rows and API payloads carry
/// the same strings a Nova client or database would.
///
/// It changes only when a task finishes (or fails); while a task runs, `TaskState`
/// says what is happening and the vm_state still names the state the task started from.
public enum VMState: String, Sendable, Hashable, CaseIterable {
    case active
    /// Being created; becomes `active` when the guest first runs, `error` if it never does.
    case building
    case paused
    case suspended
    case stopped
    case rescued
    /// Resized or migrated, waiting for the user to confirm or revert.
    case resized
    /// Deleted with `reclaim_instance_interval` set; restorable until reclaimed.
    /// Nova's string has a hyphen and no "d", unlike the constant's name.
    case softDeleted = "soft-delete"
    case deleted
    case error
    /// Shelved but still on its host.
    case shelved
    /// Shelved and removed from its host; only a snapshot (or its volumes) remain.
    case shelvedOffloaded = "shelved_offloaded"
}
