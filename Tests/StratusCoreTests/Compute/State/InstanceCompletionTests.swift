@testable import StratusCore
import Testing

/// Where Nova's compute manager leaves an instance when its task succeeds
/// (`nova/compute/manager.py`), one row per task, written out by hand.
@Suite struct InstanceCompletionTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var from: InstanceState
        var to: InstanceState

        init(_ vmState: VMState, _ task: TaskState?, _ power: PowerState, launched: Bool = true,
             _ toVM: VMState, _ toTask: TaskState?, _ toPower: PowerState, nowLaunched: Bool? = nil) {
            from = InstanceState(vmState: vmState, taskState: task, powerState: power, hasLaunched: launched)
            to = InstanceState(vmState: toVM, taskState: toTask, powerState: toPower, hasLaunched: nowLaunched ?? launched)
        }

        var testDescription: String {
            "\(from.vmState.rawValue)/\(from.taskState?.rawValue ?? "None") → \(to.vmState.rawValue)/\(to.taskState?.rawValue ?? "None")"
        }
    }

    static let rows: [Row] = [
        // Build: every step finishes as a running, launched guest.
        Row(.building, .scheduling, .noState, launched: false, .active, nil, .running, nowLaunched: true),
        Row(.building, .blockDeviceMapping, .noState, launched: false, .active, nil, .running, nowLaunched: true),
        Row(.building, .networking, .noState, launched: false, .active, nil, .running, nowLaunched: true),
        Row(.building, .spawning, .noState, launched: false, .active, nil, .running, nowLaunched: true),

        Row(.active, .poweringOff, .running, .stopped, nil, .shutdown),
        Row(.error, .poweringOff, .crashed, .stopped, nil, .shutdown),
        Row(.stopped, .poweringOn, .shutdown, .active, nil, .running),

        Row(.active, .rebooting, .running, .active, nil, .running),
        Row(.active, .rebootPending, .running, .active, nil, .running),
        Row(.active, .rebootStarted, .running, .active, nil, .running),
        Row(.stopped, .rebootingHard, .shutdown, .active, nil, .running),
        Row(.paused, .rebootPendingHard, .paused, .active, nil, .running),
        Row(.error, .rebootStartedHard, .crashed, .active, nil, .running),
        Row(.rescued, .rebootingHard, .running, .rescued, nil, .running),

        Row(.active, .pausing, .running, .paused, nil, .paused),
        Row(.paused, .unpausing, .paused, .active, nil, .running),
        Row(.active, .suspending, .running, .suspended, nil, .suspended),
        Row(.suspended, .resuming, .suspended, .active, nil, .running),
        Row(.active, .rescuing, .running, .rescued, nil, .running),
        Row(.stopped, .rescuing, .shutdown, .rescued, nil, .running),
        Row(.rescued, .unrescuing, .running, .active, nil, .running),

        // A stopped server is rebuilt running, then powered back off.
        Row(.active, .rebuilding, .running, .active, nil, .running),
        Row(.active, .rebuildBlockDeviceMapping, .running, .active, nil, .running),
        Row(.stopped, .rebuildSpawning, .shutdown, .active, .poweringOff, .running),
        Row(.error, .rebuilding, .crashed, .active, nil, .running),

        // Resize waits in `resized`, powered as it was before.
        Row(.active, .resizePrep, .running, .resized, nil, .running),
        Row(.active, .resizeMigrating, .running, .resized, nil, .running),
        Row(.active, .resizeMigrated, .running, .resized, nil, .running),
        Row(.stopped, .resizeFinish, .shutdown, .resized, nil, .shutdown),
        Row(.resized, .resizeReverting, .running, .active, nil, .running),
        Row(.resized, .resizeReverting, .shutdown, .resized, .poweringOff, .shutdown),
        Row(.resized, .resizeConfirming, .running, .active, nil, .running),

        // Tasks that leave vm_state and power alone.
        Row(.active, .migrating, .running, .active, nil, .running),
        Row(.paused, .migrating, .paused, .paused, nil, .paused),
        Row(.active, .imageSnapshotPending, .running, .active, nil, .running),
        Row(.active, .imageSnapshot, .running, .active, nil, .running),
        Row(.stopped, .imagePendingUpload, .shutdown, .stopped, nil, .shutdown),
        Row(.stopped, .imageUploading, .shutdown, .stopped, nil, .shutdown),
        Row(.suspended, .imageBackup, .suspended, .suspended, nil, .suspended),
        Row(.active, .updatingPassword, .running, .active, nil, .running),

        Row(.active, .deleting, .running, .deleted, nil, .noState),
        Row(.building, .deleting, .noState, launched: false, .deleted, nil, .noState),
        Row(.active, .softDeleting, .running, .softDeleted, nil, .shutdown),
        Row(.softDeleted, .restoring, .shutdown, .active, nil, .running),

        // Shelving offloads at once by default (`shelved_offload_time = 0`).
        Row(.active, .shelving, .running, .shelved, .shelvingOffloading, .shutdown),
        Row(.paused, .shelvingImagePendingUpload, .paused, .shelved, .shelvingOffloading, .shutdown),
        Row(.suspended, .shelvingImageUploading, .suspended, .shelved, .shelvingOffloading, .shutdown),
        Row(.shelved, .shelvingOffloading, .shutdown, .shelvedOffloaded, nil, .shutdown),
        Row(.shelvedOffloaded, .unshelving, .shutdown, .active, nil, .running),
        Row(.shelved, .unshelving, .shutdown, .shelved, .poweringOn, .shutdown),

        // Nothing running: nothing to complete.
        Row(.active, nil, .running, .active, nil, .running),
        Row(.resized, nil, .running, .resized, nil, .running),
    ]

    @Test func everyTaskHasARow() {
        let covered = Set(Self.rows.compactMap(\.from.taskState))
        #expect(covered == Set(TaskState.allCases))
    }

    @Test(arguments: rows)
    func completes(_ row: Row) {
        #expect(InstanceStateMachine.complete(row.from) == row.to)
    }

    @Test func shelvingWithoutOffloadStopsAtShelved() {
        let shelving = InstanceState(vmState: .active, taskState: .shelving, powerState: .running)
        #expect(InstanceStateMachine.complete(shelving, offloadShelved: false)
            == InstanceState(vmState: .shelved, taskState: nil, powerState: .shutdown))
    }

    @Test(arguments: [
        (PowerState.running, VMState.active), (.shutdown, .stopped), (.paused, .active), (.crashed, .active),
    ])
    func confirmedResizeFollowsThePower(_ power: PowerState, _ vmState: VMState) {
        let resized = InstanceState(vmState: .resized, taskState: nil, powerState: power)
        #expect(InstanceStateMachine.completeConfirmResize(resized)
            == InstanceState(vmState: vmState, taskState: nil, powerState: power))
    }

    /// A reconciler completes until no task is left; the chains end where Nova's do.
    @Test(arguments: [
        (ServerAction.rebuild, InstanceState(vmState: .stopped, powerState: .shutdown),
         InstanceState(vmState: .stopped, powerState: .shutdown), 2),
        (.shelve, InstanceState(vmState: .active, powerState: .running),
         InstanceState(vmState: .shelvedOffloaded, powerState: .shutdown), 2),
        (.stop, InstanceState(vmState: .active, powerState: .running),
         InstanceState(vmState: .stopped, powerState: .shutdown), 1),
        (.rebootHard, InstanceState(vmState: .error, powerState: .crashed),
         InstanceState(vmState: .active, powerState: .running), 1),
        (.unshelve, InstanceState(vmState: .shelved, powerState: .shutdown),
         InstanceState(vmState: .active, powerState: .running), 2),
        (.unshelve, InstanceState(vmState: .shelvedOffloaded, powerState: .shutdown),
         InstanceState(vmState: .active, powerState: .running), 1),
    ])
    func actionRunsToItsEnd(_ action: ServerAction, _ start: InstanceState, _ end: InstanceState, _ steps: Int) throws {
        var state = try InstanceStateMachine.begin(action, on: start, instanceID: "i-3")
        var taken = 0
        while state.taskState != nil, taken < 5 {
            state = InstanceStateMachine.complete(state)
            taken += 1
        }
        #expect(state == end)
        #expect(taken == steps)
    }

    @Test func aStoppedServerRevertsToStopped() throws {
        let stoppedBefore = InstanceState(vmState: .stopped, powerState: .shutdown)
        var state = try InstanceStateMachine.begin(.resize, on: stoppedBefore, instanceID: "i-4")
        state = InstanceStateMachine.complete(state)
        #expect(state == InstanceState(vmState: .resized, powerState: .shutdown))
        state = try InstanceStateMachine.begin(.revertResize, on: state, instanceID: "i-4")
        state = InstanceStateMachine.complete(state)
        state = InstanceStateMachine.complete(state)
        #expect(state == stoppedBefore)
    }
}
