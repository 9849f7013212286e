@testable import StratusCore
import Foundation
import Testing

/// Actions against a running task, and against a guest that never launched: which
/// are accepted, and which attribute Nova's 409 names (vm_state first, then
/// task_state, then launched_at), written out by hand from `nova/compute/api.py`.
@Suite struct ServerActionTaskStateTests {
    static let instanceID = "0b9e8d7c-6a5f-4e3d-9c2b-1a0f9e8d7c6b"

    enum Outcome: Sendable, Equatable {
        /// Accepted; the task the instance then has.
        case accepted(TaskState?)
        /// Refused with this 409 message, `%` standing for the instance id.
        case refused(String)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var action: ServerAction
        var state: InstanceState
        var outcome: Outcome

        init(_ action: ServerAction, _ vmState: VMState, _ taskState: TaskState?, launched: Bool = true, _ outcome: Outcome) {
            self.action = action
            state = InstanceState(vmState: vmState, taskState: taskState, powerState: .running, hasLaunched: launched)
            self.outcome = outcome
        }

        var testDescription: String {
            "\(action) on \(state.vmState.rawValue)/\(state.taskState?.rawValue ?? "None")\(state.hasLaunched ? "" : " never launched")"
        }
    }

    static let duringTasks: [Case] = [
        // The same action twice, or another needing an idle instance: refused by task_state.
        Case(.stop, .active, .poweringOff, .refused("Cannot 'stop' instance % while it is in task_state powering-off")),
        Case(.start, .stopped, .poweringOn, .refused("Cannot 'start' instance % while it is in task_state powering-on")),
        Case(.pause, .active, .pausing, .refused("Cannot 'pause' instance % while it is in task_state pausing")),
        Case(.suspend, .active, .imageUploading, .refused("Cannot 'suspend' instance % while it is in task_state image_uploading")),
        Case(.rebootSoft, .active, .rebooting, .refused("Cannot 'reboot' instance % while it is in task_state rebooting")),
        Case(.rebootSoft, .active, .pausing, .refused("Cannot 'reboot' instance % while it is in task_state pausing")),
        Case(.rebuild, .active, .rebuilding, .refused("Cannot 'rebuild' instance % while it is in task_state rebuilding")),
        Case(.rebuild, .error, .deleting, .refused("Cannot 'rebuild' instance % while it is in task_state deleting")),
        Case(.resize, .active, .resizePrep, .refused("Cannot 'resize' instance % while it is in task_state resize_prep")),
        Case(.migrate, .stopped, .poweringOn, .refused("Cannot 'migrate' instance % while it is in task_state powering-on")),
        Case(.confirmResize, .resized, .resizeReverting, .refused("Cannot 'confirmResize' instance % while it is in task_state resize_reverting")),
        Case(.revertResize, .resized, .resizeReverting, .refused("Cannot 'revertResize' instance % while it is in task_state resize_reverting")),
        Case(.liveMigrate, .paused, .migrating, .refused("Cannot 'os-migrateLive' instance % while it is in task_state migrating")),
        Case(.createImage, .active, .imageSnapshot, .refused("Cannot 'createImage' instance % while it is in task_state image_snapshot")),
        Case(.createBackup, .stopped, .imageBackup, .refused("Cannot 'createBackup' instance % while it is in task_state image_backup")),
        Case(.changePassword, .active, .updatingPassword, .refused("Cannot 'changePassword' instance % while it is in task_state updating_password")),
        Case(.shelve, .active, .shelving, .refused("Cannot 'shelve' instance % while it is in task_state shelving")),
        Case(.shelveOffload, .shelved, .shelvingOffloading, .refused("Cannot 'shelveOffload' instance % while it is in task_state shelving_offloading")),
        Case(.unshelve, .shelvedOffloaded, .unshelving, .refused("Cannot 'unshelve' instance % while it is in task_state unshelving")),
        Case(.rescue, .error, .rebuilding, .refused("Cannot 'rescue' instance % while it is in task_state rebuilding")),
        Case(.unrescue, .rescued, .unrescuing, .refused("Cannot 'unrescue' instance % while it is in task_state unrescuing")),
        Case(.restore, .softDeleted, .restoring, .refused("Cannot 'restore' instance % while it is in task_state restoring")),
        Case(.triggerCrashDump, .resized, .resizeReverting, .refused("Cannot 'trigger_crash_dump' instance % while it is in task_state resize_reverting")),

        // vm_state is checked before task_state.
        Case(.stop, .stopped, .poweringOn, .refused("Cannot 'stop' instance % while it is in vm_state stopped")),
        Case(.rebootHard, .rescued, .rebooting, .refused("Cannot 'reboot' instance % while it is in vm_state rescued")),

        // A hard reboot may interrupt Nova's ALLOW_REBOOT tasks, and only those.
        Case(.rebootHard, .active, .rebooting, .accepted(.rebootingHard)),
        Case(.rebootHard, .active, .rebootPending, .accepted(.rebootingHard)),
        Case(.rebootHard, .active, .rebootStarted, .accepted(.rebootingHard)),
        Case(.rebootHard, .active, .rebootingHard, .accepted(.rebootingHard)),
        Case(.rebootHard, .active, .pausing, .accepted(.rebootingHard)),
        Case(.rebootHard, .paused, .unpausing, .accepted(.rebootingHard)),
        Case(.rebootHard, .active, .suspending, .accepted(.rebootingHard)),
        Case(.rebootHard, .suspended, .resuming, .accepted(.rebootingHard)),
        Case(.rebootHard, .active, .rebootPendingHard, .refused("Cannot 'reboot' instance % while it is in task_state reboot_pending_hard")),
        Case(.rebootHard, .active, .rebootStartedHard, .refused("Cannot 'reboot' instance % while it is in task_state reboot_started_hard")),
        Case(.rebootHard, .active, .poweringOff, .refused("Cannot 'reboot' instance % while it is in task_state powering-off")),
        Case(.rebootHard, .stopped, .poweringOn, .refused("Cannot 'reboot' instance % while it is in task_state powering-on")),
        Case(.rebootHard, .error, .rebuilding, .refused("Cannot 'reboot' instance % while it is in task_state rebuilding")),

        // Deletes do not look at the task: a stuck task never pins an instance.
        Case(.delete, .active, .deleting, .accepted(.deleting)),
        Case(.delete, .building, .spawning, .accepted(.deleting)),
        Case(.delete, .active, .resizeMigrating, .accepted(.deleting)),
        Case(.delete, .stopped, .poweringOn, .accepted(.deleting)),
        Case(.softDelete, .active, .imageUploading, .accepted(.softDeleting)),
        Case(.forceDelete, .softDeleted, .restoring, .accepted(.deleting)),
        Case(.forceDelete, .active, .rebootingHard, .accepted(.deleting)),

        // Metadata passes `task_state=None` (no check), so it may change during a task,
        // and the task is left as it was.
        Case(.updateMetadata, .active, .imageUploading, .accepted(.imageUploading)),
        Case(.deleteMetadata, .stopped, .poweringOn, .accepted(.poweringOn)),
        Case(.updateMetadata, .active, .deleting, .accepted(.deleting)),
        Case(.updateMetadata, .building, .spawning, .refused("Cannot 'update metadata' instance % while it is in vm_state building")),

        // No state check at all.
        Case(.update, .building, .scheduling, .accepted(.scheduling)),
        Case(.lock, .active, .deleting, .accepted(.deleting)),
        Case(.unlock, .error, .rebuilding, .accepted(.rebuilding)),
        Case(.getConsoleOutput, .active, .migrating, .accepted(.migrating)),
    ]

    static let neverLaunched: [Case] = [
        Case(.stop, .error, nil, launched: false, .refused("Cannot 'stop' instance % while it is in launched_at None")),
        Case(.rebuild, .error, nil, launched: false, .refused("Cannot 'rebuild' instance % while it is in launched_at None")),
        Case(.rebootHard, .error, nil, launched: false, .refused("Cannot 'reboot' instance % while it is in launched_at None")),
        Case(.rescue, .error, nil, launched: false, .refused("Cannot 'rescue' instance % while it is in launched_at None")),
        Case(.softDelete, .error, nil, launched: false, .refused("Cannot 'delete' instance % while it is in launched_at None")),
        Case(.triggerCrashDump, .error, nil, launched: false, .refused("Cannot 'trigger_crash_dump' instance % while it is in launched_at None")),
        // vm_state and task_state are checked first.
        Case(.start, .error, nil, launched: false, .refused("Cannot 'start' instance % while it is in vm_state error")),
        Case(.rebootHard, .error, .poweringOff, launched: false, .refused("Cannot 'reboot' instance % while it is in task_state powering-off")),
        // Delete opts out (`must_have_launched=False`); unchecked actions never ask.
        Case(.delete, .building, .scheduling, launched: false, .accepted(.deleting)),
        Case(.delete, .error, nil, launched: false, .accepted(.deleting)),
        Case(.forceDelete, .error, nil, launched: false, .accepted(.deleting)),
        Case(.lock, .building, .spawning, launched: false, .accepted(.spawning)),
        Case(.update, .error, nil, launched: false, .accepted(nil)),
        Case(.getConsoleOutput, .building, .networking, launched: false, .accepted(.networking)),
    ]

    @Test(arguments: duringTasks + neverLaunched)
    func outcome(_ test: Case) throws {
        switch test.outcome {
        case .accepted(let task):
            let next = try InstanceStateMachine.begin(test.action, on: test.state, instanceID: Self.instanceID)
            var expected = test.state
            expected.taskState = task
            #expect(next == expected)
        case .refused(let template):
            let message = template.replacingOccurrences(of: "%", with: Self.instanceID)
            do throws(InstanceStateConflict) {
                _ = try InstanceStateMachine.begin(test.action, on: test.state, instanceID: Self.instanceID)
                Issue.record("accepted, expected: \(message)")
            } catch {
                #expect(error.message == message)
                #expect(error.computeError == .conflict(message))
            }
        }
    }

    @Test func checkRefusesLikeBeginWithoutChangingAnything() throws {
        let busy = InstanceState(vmState: .active, taskState: .poweringOff, powerState: .running)
        #expect(throws: InstanceStateConflict(action: .stop, instanceID: "i-1", attribute: .taskState, state: "powering-off")) {
            try InstanceStateMachine.check(.stop, on: busy, instanceID: "i-1")
        }
        #expect(!InstanceStateMachine.allows(.stop, on: busy))
        #expect(InstanceStateMachine.allows(.delete, on: busy))
    }

    /// The task is set and nothing else: vm_state and power state wait for the host.
    @Test func beginSetsOnlyTheTask() throws {
        let running = InstanceState(vmState: .active, taskState: nil, powerState: .running)
        let next = try InstanceStateMachine.begin(.stop, on: running, instanceID: "i-2")
        #expect(next == InstanceState(vmState: .active, taskState: .poweringOff, powerState: .running))
        #expect(next.status == .active)
    }
}
