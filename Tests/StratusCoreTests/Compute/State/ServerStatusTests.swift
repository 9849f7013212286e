@testable import StratusCore
import Testing

/// `status_from_state` over Nova's `_STATE_MAP` (`nova/api/openstack/common.py`),
/// the table copied out by hand: every listed (vm_state, task_state) pair, each
/// vm_state's default, and every other pair falling back to that default.
@Suite struct ServerStatusTests {
    struct Entry: Sendable, CustomTestStringConvertible {
        var vmState: VMState
        var taskState: TaskState?
        var status: String
        init(_ vmState: VMState, _ taskState: TaskState?, _ status: String) {
            self.vmState = vmState
            self.taskState = taskState
            self.status = status
        }
        var testDescription: String { "\(vmState.rawValue)/\(taskState?.rawValue ?? "None") → \(status)" }
    }

    /// Each vm_state's `default`.
    static let defaults: [VMState: String] = [
        .active: "ACTIVE", .building: "BUILD", .stopped: "SHUTOFF", .resized: "VERIFY_RESIZE",
        .paused: "PAUSED", .suspended: "SUSPENDED", .rescued: "RESCUE", .error: "ERROR",
        .deleted: "DELETED", .softDeleted: "SOFT_DELETED", .shelved: "SHELVED",
        .shelvedOffloaded: "SHELVED_OFFLOADED",
    ]

    /// The pairs `_STATE_MAP` lists besides the defaults.
    static let listed: [Entry] = [
        Entry(.active, .rebooting, "REBOOT"),
        Entry(.active, .rebootPending, "REBOOT"),
        Entry(.active, .rebootStarted, "REBOOT"),
        Entry(.active, .rebootingHard, "HARD_REBOOT"),
        Entry(.active, .rebootPendingHard, "HARD_REBOOT"),
        Entry(.active, .rebootStartedHard, "HARD_REBOOT"),
        Entry(.active, .updatingPassword, "PASSWORD"),
        Entry(.active, .rebuilding, "REBUILD"),
        Entry(.active, .rebuildBlockDeviceMapping, "REBUILD"),
        Entry(.active, .rebuildSpawning, "REBUILD"),
        Entry(.active, .migrating, "MIGRATING"),
        Entry(.active, .resizePrep, "RESIZE"),
        Entry(.active, .resizeMigrating, "RESIZE"),
        Entry(.active, .resizeMigrated, "RESIZE"),
        Entry(.active, .resizeFinish, "RESIZE"),
        Entry(.stopped, .resizePrep, "RESIZE"),
        Entry(.stopped, .resizeMigrating, "RESIZE"),
        Entry(.stopped, .resizeMigrated, "RESIZE"),
        Entry(.stopped, .resizeFinish, "RESIZE"),
        Entry(.stopped, .rebuilding, "REBUILD"),
        Entry(.stopped, .rebuildBlockDeviceMapping, "REBUILD"),
        Entry(.stopped, .rebuildSpawning, "REBUILD"),
        Entry(.resized, .resizeReverting, "REVERT_RESIZE"),
        Entry(.paused, .migrating, "MIGRATING"),
        Entry(.error, .rebuilding, "REBUILD"),
        Entry(.error, .rebuildBlockDeviceMapping, "REBUILD"),
        Entry(.error, .rebuildSpawning, "REBUILD"),
    ]

    /// Pairs a reader might expect to be special but that Nova leaves at the default.
    static let notListed: [Entry] = [
        Entry(.active, .pausing, "ACTIVE"),
        Entry(.active, .poweringOff, "ACTIVE"),
        Entry(.active, .deleting, "ACTIVE"),
        Entry(.building, .spawning, "BUILD"),
        Entry(.building, .scheduling, "BUILD"),
        Entry(.stopped, .poweringOn, "SHUTOFF"),
        Entry(.stopped, .migrating, "SHUTOFF"),
        Entry(.resized, .resizeConfirming, "VERIFY_RESIZE"),
        Entry(.paused, .rebuilding, "PAUSED"),
        Entry(.error, .resizePrep, "ERROR"),
        Entry(.error, .rebootingHard, "ERROR"),
        Entry(.rescued, .unrescuing, "RESCUE"),
        Entry(.suspended, .resuming, "SUSPENDED"),
        Entry(.shelved, .shelvingOffloading, "SHELVED"),
        Entry(.shelvedOffloaded, .unshelving, "SHELVED_OFFLOADED"),
        Entry(.softDeleted, .restoring, "SOFT_DELETED"),
        Entry(.deleted, .deleting, "DELETED"),
    ]

    @Test func everyStatusWordIsNovas() {
        let words: Set<String> = [
            "ACTIVE", "BUILD", "REBOOT", "HARD_REBOOT", "PASSWORD", "REBUILD", "MIGRATING", "RESIZE",
            "VERIFY_RESIZE", "REVERT_RESIZE", "PAUSED", "SUSPENDED", "SHUTOFF", "RESCUE", "ERROR",
            "DELETED", "SOFT_DELETED", "SHELVED", "SHELVED_OFFLOADED", "UNKNOWN",
        ]
        #expect(Set(ServerStatus.allCases.map(\.rawValue)) == words)
    }

    @Test(arguments: VMState.allCases)
    func noTaskShowsTheDefault(_ vmState: VMState) {
        #expect(ServerStatus(vmState: vmState, taskState: nil).rawValue == Self.defaults[vmState])
    }

    @Test(arguments: listed)
    func listedPair(_ entry: Entry) {
        #expect(ServerStatus(vmState: entry.vmState, taskState: entry.taskState).rawValue == entry.status)
    }

    @Test(arguments: notListed)
    func unlistedPairShowsTheDefault(_ entry: Entry) {
        #expect(ServerStatus(vmState: entry.vmState, taskState: entry.taskState).rawValue == entry.status)
    }

    /// All 12 × 42 pairs: the listed status where the table has one, else the default.
    @Test func everyPairFollowsTheTable() {
        #expect(Self.listed.count == 27)
        var checked = 0
        for vmState in VMState.allCases {
            for taskState in TaskState.allCases {
                let listed = Self.listed.first { $0.vmState == vmState && $0.taskState == taskState }
                let expected = listed?.status ?? Self.defaults[vmState]
                #expect(ServerStatus(vmState: vmState, taskState: taskState).rawValue == expected,
                        "\(vmState.rawValue)/\(taskState.rawValue)")
                checked += 1
            }
        }
        #expect(checked == 504)
    }

    @Test func rawStatesNovaDoesNotKnow() {
        #expect(ServerStatus(rawVMState: "frozen", rawTaskState: nil) == .unknown)
        #expect(ServerStatus(rawVMState: "soft_deleted", rawTaskState: nil) == .unknown)
        #expect(ServerStatus(rawVMState: "active", rawTaskState: "defragmenting") == .active)
        #expect(ServerStatus(rawVMState: "active", rawTaskState: "rebooting_hard") == .hardReboot)
        #expect(ServerStatus(rawVMState: "soft-delete", rawTaskState: nil) == .softDeleted)
    }

    @Test func instanceStateShowsItsStatus() {
        let state = InstanceState(vmState: .resized, taskState: .resizeReverting, powerState: .running)
        #expect(state.status == .revertResize)
    }
}
