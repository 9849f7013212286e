@testable import StratusCore
import Testing

/// Issue 3's table: every action × every vm_state with no task running and a guest
/// that has launched, each outcome written out by hand from the
/// `@check_instance_state` and `@check_instance_lock` decorators in
/// `nova/compute/api.py`, with the task each accepted action sets and the word its
/// 409 uses.
@Suite struct ServerActionMatrixTests {
    static let instanceID = "5f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e"

    /// The grid's columns, in order.
    static let columns: [VMState] = [
        .active, .building, .paused, .suspended, .stopped, .rescued,
        .resized, .softDeleted, .deleted, .error, .shelved, .shelvedOffloaded,
    ]

    struct Row: Sendable {
        var action: ServerAction
        var apiName: String
        var startsTask: TaskState?
        var lockGuarded: Bool
        var allowed: [VMState]

        /// `grid` has one `Y` (allowed) or `.` (refused) per column.
        init(_ action: ServerAction, _ grid: String, _ apiName: String, _ startsTask: TaskState?, lock lockGuarded: Bool) {
            self.action = action
            self.apiName = apiName
            self.startsTask = startsTask
            self.lockGuarded = lockGuarded
            let marks = grid.split(separator: " ")
            precondition(marks.count == ServerActionMatrixTests.columns.count, "bad grid for \(action)")
            allowed = zip(ServerActionMatrixTests.columns, marks).filter { $0.1 == "Y" }.map(\.0)
        }
    }

    static let rows: [Row] = [
        //                       act bld pau sus stp rsc rsz sdl del err shv sho
        Row(.delete,            "Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y", "delete", .deleting, lock: true),
        Row(.softDelete,        "Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y", "delete", .softDeleting, lock: true),
        Row(.forceDelete,       "Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y", "forceDelete", .deleting, lock: true),
        Row(.restore,           ".   .   .   .   .   .   .   Y   .   .   .   .", "restore", .restoring, lock: true),
        Row(.start,             ".   .   .   .   Y   .   .   .   .   .   .   .", "start", .poweringOn, lock: true),
        Row(.stop,              "Y   .   .   .   .   .   .   .   .   Y   .   .", "stop", .poweringOff, lock: true),
        Row(.rebootSoft,        "Y   .   .   .   .   .   .   .   .   .   .   .", "reboot", .rebooting, lock: true),
        Row(.rebootHard,        "Y   .   Y   Y   Y   .   .   .   .   Y   .   .", "reboot", .rebootingHard, lock: true),
        Row(.pause,             "Y   .   .   .   .   .   .   .   .   .   .   .", "pause", .pausing, lock: true),
        Row(.unpause,           ".   .   Y   .   .   .   .   .   .   .   .   .", "unpause", .unpausing, lock: true),
        Row(.suspend,           "Y   .   .   .   .   .   .   .   .   .   .   .", "suspend", .suspending, lock: true),
        Row(.resume,            ".   .   .   Y   .   .   .   .   .   .   .   .", "resume", .resuming, lock: true),
        Row(.lock,              "Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y", "lock", nil, lock: false),
        Row(.unlock,            "Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y", "unlock", nil, lock: false),
        Row(.rebuild,           "Y   .   .   .   Y   .   .   .   .   Y   .   .", "rebuild", .rebuilding, lock: true),
        Row(.resize,            "Y   .   .   .   Y   .   .   .   .   .   .   .", "resize", .resizePrep, lock: true),
        Row(.migrate,           "Y   .   .   .   Y   .   .   .   .   .   .   .", "migrate", .resizePrep, lock: true),
        Row(.confirmResize,     ".   .   .   .   .   .   Y   .   .   .   .   .", "confirmResize", nil, lock: true),
        Row(.revertResize,      ".   .   .   .   .   .   Y   .   .   .   .   .", "revertResize", .resizeReverting, lock: true),
        Row(.liveMigrate,       "Y   .   Y   .   .   .   .   .   .   .   .   .", "os-migrateLive", .migrating, lock: true),
        Row(.createImage,       "Y   .   Y   Y   Y   .   .   .   .   .   .   .", "createImage", .imageSnapshotPending, lock: true),
        Row(.createBackup,      "Y   .   Y   Y   Y   .   .   .   .   .   .   .", "createBackup", .imageBackup, lock: false),
        Row(.changePassword,    "Y   .   .   .   .   .   .   .   .   .   .   .", "changePassword", .updatingPassword, lock: true),
        Row(.getConsoleOutput,  "Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y", "os-getConsoleOutput", nil, lock: false),
        Row(.update,            "Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y   Y", "update", nil, lock: false),
        Row(.updateMetadata,    "Y   .   Y   Y   Y   .   .   .   .   .   .   .", "update metadata", nil, lock: true),
        Row(.deleteMetadata,    "Y   .   Y   Y   Y   .   .   .   .   .   .   .", "delete metadata", nil, lock: true),
        Row(.shelve,            "Y   .   Y   Y   Y   .   .   .   .   .   .   .", "shelve", .shelving, lock: true),
        Row(.shelveOffload,     ".   .   .   .   .   .   .   .   .   .   Y   .", "shelveOffload", .shelvingOffloading, lock: true),
        Row(.unshelve,          ".   .   .   .   .   .   .   .   .   .   Y   Y", "unshelve", .unshelving, lock: true),
        Row(.rescue,            "Y   .   .   .   Y   .   .   .   .   Y   .   .", "rescue", .rescuing, lock: true),
        Row(.unrescue,          ".   .   .   .   .   Y   .   .   .   .   .   .", "unrescue", .unrescuing, lock: true),
        Row(.triggerCrashDump,  "Y   .   Y   .   .   Y   Y   .   .   Y   .   .", "trigger_crash_dump", nil, lock: true),
    ]

    struct Cell: Sendable, CustomTestStringConvertible {
        var row: Row
        var vmState: VMState
        var allowed: Bool { row.allowed.contains(vmState) }
        var testDescription: String { "\(row.action) on \(vmState.rawValue): \(allowed ? "allow" : "409")" }
    }

    static let cells: [Cell] = rows.flatMap { row in columns.map { Cell(row: row, vmState: $0) } }

    @Test func everyActionHasExactlyOneRow() {
        #expect(Self.rows.count == ServerAction.allCases.count)
        #expect(Set(Self.rows.map(\.action)) == Set(ServerAction.allCases))
        #expect(Set(Self.columns) == Set(VMState.allCases))
        #expect(Self.cells.count == 33 * 12)
        #expect(Self.cells.filter(\.allowed).count == 142)
    }

    @Test(arguments: cells)
    func cell(_ cell: Cell) throws {
        // A power state that does not match the vm_state: only vm_state and task_state decide.
        let state = InstanceState(vmState: cell.vmState, taskState: nil, powerState: .crashed, hasLaunched: true)
        #expect(InstanceStateMachine.allows(cell.row.action, on: state) == cell.allowed)
        if cell.allowed {
            let next = try InstanceStateMachine.begin(cell.row.action, on: state, instanceID: Self.instanceID)
            #expect(next == InstanceState(
                vmState: cell.vmState, taskState: cell.row.startsTask, powerState: .crashed, hasLaunched: true))
        } else {
            let expected = InstanceStateConflict(
                action: cell.row.action, instanceID: Self.instanceID, attribute: .vmState, state: cell.vmState.rawValue)
            #expect(throws: expected) {
                try InstanceStateMachine.begin(cell.row.action, on: state, instanceID: Self.instanceID)
            }
            #expect(expected.message
                == "Cannot '\(cell.row.apiName)' instance \(Self.instanceID) while it is in vm_state \(cell.vmState.rawValue)")
        }
    }

    @Test(arguments: rows.map { ($0.action, $0.startsTask, $0.lockGuarded, $0.apiName) })
    func actionFacts(_ action: ServerAction, _ startsTask: TaskState?, _ lockGuarded: Bool, _ apiName: String) {
        #expect(action.rule.startsTask == startsTask)
        #expect(action.isLockGuarded == lockGuarded)
        #expect(action.apiName == apiName)
    }
}
