/// What a user asks of an existing server, one case per check Nova makes: actions
/// that share an API call but not a state check (soft and hard reboot; resize and
/// cold migrate share Nova's `resize` method but not the 409 wording) are apart.
/// Creating a server is not here: it has no prior state to check.
public enum ServerAction: String, Sendable, Hashable, CaseIterable {
    case delete
    /// The delete Nova performs instead when `reclaim_instance_interval` is set.
    case softDelete
    case forceDelete
    case restore
    case start
    case stop
    case rebootSoft
    case rebootHard
    case pause
    case unpause
    case suspend
    case resume
    case lock
    case unlock
    case rebuild
    case resize
    /// Cold migration: Nova's `resize` without a new flavor.
    case migrate
    case confirmResize
    case revertResize
    case liveMigrate
    /// A snapshot of an image-backed server.
    case createImage
    case createBackup
    case changePassword
    case getConsoleOutput
    /// Rename, description or hostname (`PUT /servers/{id}`).
    case update
    case updateMetadata
    case deleteMetadata
    case shelve
    case shelveOffload
    case unshelve
    case rescue
    case unrescue
    case triggerCrashDump

    /// The action's name in Nova's 409 message: the API's word for it (its
    /// `@wsgi.action` name or the one its controller passes), not Nova's method name,
    /// so `rebootHard` reads `reboot` and `liveMigrate` reads `os-migrateLive`.
    public var apiName: String {
        switch self {
        case .delete, .softDelete: "delete"
        case .forceDelete: "forceDelete"
        case .restore: "restore"
        case .start: "start"
        case .stop: "stop"
        case .rebootSoft, .rebootHard: "reboot"
        case .pause: "pause"
        case .unpause: "unpause"
        case .suspend: "suspend"
        case .resume: "resume"
        case .lock: "lock"
        case .unlock: "unlock"
        case .rebuild: "rebuild"
        case .resize: "resize"
        case .migrate: "migrate"
        case .confirmResize: "confirmResize"
        case .revertResize: "revertResize"
        case .liveMigrate: "os-migrateLive"
        case .createImage: "createImage"
        case .createBackup: "createBackup"
        case .changePassword: "changePassword"
        case .getConsoleOutput: "os-getConsoleOutput"
        case .update: "update"
        case .updateMetadata: "update metadata"
        case .deleteMetadata: "delete metadata"
        case .shelve: "shelve"
        case .shelveOffload: "shelveOffload"
        case .unshelve: "unshelve"
        case .rescue: "rescue"
        case .unrescue: "unrescue"
        case .triggerCrashDump: "trigger_crash_dump"
        }
    }

    /// Nova refuses this action on a locked server unless the caller is an
    /// administrator (`@check_instance_lock`). Unlike Nova, a snapshot is guarded
    /// too: the security case studies lock service-managed servers so that their
    /// owners cannot copy their disks out. Backups keep Nova's entry here; the
    /// use cases check `requiresUnlocked`, which guards them as well.
    /// Deciding who may override a lock is policy's job, not this type's.
    public var isLockGuarded: Bool {
        switch self {
        case .lock, .unlock, .createBackup, .getConsoleOutput, .update:
            false
        default:
            true
        }
    }

    /// Stratus's lock rule: Nova's (`isLockGuarded`) plus `createBackup`, which Nova
    /// lets through; it copies the disk out, as a snapshot does, and the case
    /// studies' service-managed servers keep their disks in.
    public var requiresUnlocked: Bool { isLockGuarded || self == .createBackup }
}
