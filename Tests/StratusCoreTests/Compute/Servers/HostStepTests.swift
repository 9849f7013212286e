import Foundation
import StratusCore
import Testing

/// The agent's decision table, row by row: (vm_state, task, observed) → step.
@Suite("HostStep: what an agent does for one instance")
struct HostStepTests {
    static func instance(_ vmState: VMState, _ task: TaskState?, power: PowerState = .running) -> Instance {
        Instance(
            id: "i", name: "i", projectID: "p", userID: "u", imageID: "img",
            flavor: Flavor(id: "1", name: "m1.tiny", vcpus: 1, memoryMiB: 512, rootDiskGiB: 1),
            state: InstanceState(vmState: vmState, taskState: task, powerState: power), hostID: "h",
            createdAt: Date(timeIntervalSince1970: 0))
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var vmState: VMState
        var task: TaskState?
        var recorded: PowerState
        var observed: PowerState?
        var step: HostStep
        var testDescription: String {
            "\(vmState.rawValue)/\(task?.rawValue ?? "-") seen \(observed.map { "\($0)" } ?? "absent") → \(step)"
        }
    }

    static let rows: [Row] = [
        // Building: spawn once, then the guest's presence completes it.
        Row(vmState: .building, task: .scheduling, recorded: .noState, observed: nil, step: .none),
        Row(vmState: .building, task: .spawning, recorded: .noState, observed: nil, step: .spawn),
        Row(vmState: .building, task: .spawning, recorded: .noState, observed: .running, step: .complete),
        // Rebuilding: re-create whatever is there.
        Row(vmState: .active, task: .rebuilding, recorded: .running, observed: .running, step: .rebuild),
        Row(vmState: .stopped, task: .rebuilding, recorded: .shutdown, observed: .shutdown, step: .rebuild),
        Row(vmState: .active, task: .rebuilding, recorded: .running, observed: nil, step: .spawn),
        // Deleting: destroy what is there; absence completes.
        Row(vmState: .active, task: .deleting, recorded: .running, observed: .running, step: .destroy),
        Row(vmState: .stopped, task: .deleting, recorded: .shutdown, observed: .shutdown, step: .destroy),
        Row(vmState: .active, task: .deleting, recorded: .running, observed: nil, step: .complete),
        // Power.
        Row(vmState: .active, task: .poweringOff, recorded: .running, observed: .running, step: .powerOff),
        Row(vmState: .active, task: .poweringOff, recorded: .running, observed: .shutdown, step: .complete),
        Row(vmState: .stopped, task: .poweringOn, recorded: .shutdown, observed: .shutdown, step: .powerOn),
        Row(vmState: .stopped, task: .poweringOn, recorded: .shutdown, observed: .running, step: .complete),
        Row(vmState: .stopped, task: .poweringOn, recorded: .shutdown, observed: nil, step: .spawn),
        Row(vmState: .active, task: .rebooting, recorded: .running, observed: .running, step: .reboot(hard: false)),
        Row(vmState: .active, task: .rebootingHard, recorded: .running, observed: .running, step: .reboot(hard: true)),
        Row(vmState: .active, task: .rebootingHard, recorded: .running, observed: nil, step: .spawn),
        Row(vmState: .active, task: .pausing, recorded: .running, observed: .running, step: .pause),
        Row(vmState: .active, task: .pausing, recorded: .running, observed: .paused, step: .complete),
        Row(vmState: .paused, task: .unpausing, recorded: .paused, observed: .paused, step: .unpause),
        Row(vmState: .active, task: .suspending, recorded: .running, observed: .running, step: .suspend),
        Row(vmState: .suspended, task: .resuming, recorded: .suspended, observed: .suspended, step: .resume),
        // Steady states: the power sync.
        Row(vmState: .active, task: nil, recorded: .running, observed: .running, step: .none),
        Row(vmState: .active, task: nil, recorded: .running, observed: .shutdown, step: .reportPower(.shutdown)),
        Row(vmState: .active, task: nil, recorded: .running, observed: nil, step: .reportPower(.noState)),
        Row(vmState: .active, task: nil, recorded: .shutdown, observed: .running, step: .reportPower(.running)),
        Row(vmState: .paused, task: nil, recorded: .paused, observed: .paused, step: .none),
        Row(vmState: .paused, task: nil, recorded: .paused, observed: .shutdown, step: .reportPower(.shutdown)),
        Row(vmState: .stopped, task: nil, recorded: .shutdown, observed: .running, step: .powerOff),
        Row(vmState: .stopped, task: nil, recorded: .shutdown, observed: .shutdown, step: .none),
        Row(vmState: .stopped, task: nil, recorded: .shutdown, observed: nil, step: .none),
        Row(vmState: .error, task: nil, recorded: .noState, observed: .running, step: .none),
    ]

    @Test(arguments: rows)
    func step(_ row: Row) {
        let instance = Self.instance(row.vmState, row.task, power: row.recorded)
        #expect(HostStep.next(for: instance, observed: row.observed) == row.step)
    }

    @Test func resizeSteps() {
        var instance = Self.instance(.active, .resizePrep)
        #expect(HostStep.next(for: instance, observed: .running, onHost: "h") == .none, "waits for the scheduler")
        instance.state.taskState = .resizeMigrating
        instance.migration = PendingMigration(sourceHostID: "source", sourceHostName: "source", oldFlavor: instance.flavor)
        // The destination waits for the original's disk; the source powers it off, then hands it over.
        #expect(HostStep.next(for: instance, observed: nil, onHost: "h") == .none)
        #expect(HostStep.next(for: instance, observed: .running, onHost: "source") == .powerOff)
        #expect(HostStep.next(for: instance, observed: .shutdown, onHost: "source") == .exportDisk)
        #expect(HostStep.next(for: instance, observed: nil, onHost: "source") == .exportDisk, "a gone original: says it has none")
        instance.migration?.sourceDisk = .exported(uri: "nbd://10.1.0.1:10809/disk")
        #expect(HostStep.next(for: instance, observed: nil, onHost: "h") == .spawn)
        #expect(HostStep.next(for: instance, observed: .running, onHost: "h") == .complete)
        // On the source, the original is kept, powered off, and never reported on.
        #expect(HostStep.next(for: instance, observed: .running, onHost: "source") == .powerOff)
        #expect(HostStep.next(for: instance, observed: .shutdown, onHost: "source") == .none)
        // On one host (resize to the same host) there is nothing to hand over.
        instance.migration = PendingMigration(sourceHostID: "h", sourceHostName: "h", oldFlavor: instance.flavor)
        #expect(HostStep.next(for: instance, observed: nil, onHost: "h") == .spawn)
        instance.state = InstanceState(vmState: .resized, taskState: .resizeReverting, powerState: .running)
        #expect(HostStep.next(for: instance, observed: .shutdown, onHost: "h") == .powerOn)
        #expect(HostStep.next(for: instance, observed: .running, onHost: "h") == .complete)
        #expect(HostStep.next(for: instance, observed: nil, onHost: "h") == .spawn)
        instance.state.powerState = .shutdown
        #expect(HostStep.next(for: instance, observed: .shutdown, onHost: "h") == .complete, "a stopped server stays off")
    }

    /// Each phase of a live migration from "h" (source) to "t" (destination), as
    /// each of the two hosts sees it.
    @Test func liveMigrationSteps() {
        var instance = Self.instance(.active, .migrating)
        var live = LiveMigration(
            sourceHostID: "h", sourceHostName: "h", targetHostID: "t", targetHostName: "t", tls: true,
            startedAt: Date(timeIntervalSince1970: 0))
        instance.liveMigration = live
        #expect(HostStep.next(for: instance, observed: .running, onHost: "h") == .none, "the source waits")
        #expect(HostStep.next(for: instance, observed: nil, onHost: "t") == .prepareIncoming)
        #expect(HostStep.next(for: instance, observed: .paused, onHost: "t") == .prepareIncoming, "repeats safely")

        live.phase = .listening
        live.incomingURI = "tcp:10.1.0.2:4444"
        instance.liveMigration = live
        #expect(HostStep.next(for: instance, observed: .running, onHost: "h") == .migrateOut(uri: "tcp:10.1.0.2:4444"))
        #expect(HostStep.next(for: instance, observed: .paused, onHost: "t") == .none, "the waiting guest is left alone")

        live.phase = .transferred
        instance.liveMigration = live
        instance.hostID = "t"
        #expect(HostStep.next(for: instance, observed: .running, onHost: "t") == .finishIncoming)
        #expect(HostStep.next(for: instance, observed: .paused, onHost: "h") == .destroy, "the stopped copy goes")
        #expect(HostStep.next(for: instance, observed: nil, onHost: "h") == .none)
        #expect(HostStep.next(for: instance, observed: nil, onHost: "elsewhere") == .none)

        // A delete that interrupted it: the owner deletes, the peer drops its copy.
        instance.hostID = "h"
        instance.state.taskState = .deleting
        live.phase = .listening
        instance.liveMigration = live
        #expect(HostStep.next(for: instance, observed: .running, onHost: "h") == .destroy)
        #expect(HostStep.next(for: instance, observed: .paused, onHost: "t") == .destroy)
        #expect(HostStep.next(for: instance, observed: nil, onHost: "t") == .none)
    }

    /// Every step a task leads to, applied to the guest, makes the next look
    /// `complete`: a pass repeated after a crash does no second action.
    @Test(arguments: [TaskState.spawning, .poweringOff, .poweringOn, .pausing, .unpausing, .suspending, .resuming, .deleting])
    func aTasksStepLeadsToComplete(_ task: TaskState) {
        let start: (VMState, PowerState?) = switch task {
        case .spawning: (.building, nil)
        case .poweringOn: (.stopped, .shutdown)
        case .unpausing: (.paused, .paused)
        case .resuming: (.suspended, .suspended)
        default: (.active, .running)
        }
        let instance = Self.instance(start.0, task)
        let after: PowerState? = switch HostStep.next(for: instance, observed: start.1) {
        case .spawn, .powerOn, .unpause, .resume: .running
        case .powerOff: .shutdown
        case .pause: .paused
        case .suspend: .suspended
        case .destroy: nil
        default: start.1
        }
        #expect(HostStep.next(for: instance, observed: after) == .complete)
    }
}
