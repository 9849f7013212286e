@testable import StratusCore
import Testing

/// The stored words must be Nova's, letter for letter (`nova/objects/fields.py`):
/// a row or payload written here must read the same in a Nova client.
@Suite struct StateVocabularyTests {
    @Test func vmStatesAreNovasStrings() {
        let expected: [VMState: String] = [
            .active: "active", .building: "building", .paused: "paused", .suspended: "suspended",
            .stopped: "stopped", .rescued: "rescued", .resized: "resized", .softDeleted: "soft-delete",
            .deleted: "deleted", .error: "error", .shelved: "shelved", .shelvedOffloaded: "shelved_offloaded",
        ]
        #expect(VMState.allCases.count == 12)
        for state in VMState.allCases {
            #expect(state.rawValue == expected[state], "\(state)")
        }
    }

    @Test func taskStatesAreNovasStrings() {
        let expected: Set<String> = [
            "scheduling", "block_device_mapping", "networking", "spawning",
            "image_snapshot", "image_snapshot_pending", "image_pending_upload", "image_uploading",
            "image_backup", "updating_password",
            "resize_prep", "resize_migrating", "resize_migrated", "resize_finish",
            "resize_reverting", "resize_confirming",
            "rebooting", "reboot_pending", "reboot_started",
            "rebooting_hard", "reboot_pending_hard", "reboot_started_hard",
            "pausing", "unpausing", "suspending", "resuming", "powering-off", "powering-on",
            "rescuing", "unrescuing", "rebuilding", "rebuild_block_device_mapping", "rebuild_spawning",
            "migrating", "deleting", "soft-deleting", "restoring",
            "shelving", "shelving_image_pending_upload", "shelving_image_uploading",
            "shelving_offloading", "unshelving",
        ]
        #expect(TaskState.allCases.count == 42)
        #expect(Set(TaskState.allCases.map(\.rawValue)) == expected)
        #expect(TaskState.poweringOff.rawValue == "powering-off")
        #expect(TaskState.softDeleting.rawValue == "soft-deleting")
    }

    @Test(arguments: [
        (PowerState.noState, 0, "pending"), (.running, 1, "running"), (.paused, 3, "paused"),
        (.shutdown, 4, "shutdown"), (.crashed, 6, "crashed"), (.suspended, 7, "suspended"),
    ])
    func powerStatesAreNovasCodes(_ state: PowerState, _ code: Int, _ name: String) {
        #expect(state.rawValue == code)
        #expect(PowerState(rawValue: code) == state)
        #expect(state.name == name)
    }

    @Test func unusedPowerCodesAreNotStates() {
        #expect(PowerState.allCases.count == 6)
        #expect(PowerState(rawValue: 2) == nil)
        #expect(PowerState(rawValue: 5) == nil)
    }

    @Test func aNewRequestIsBuildingAndScheduling() {
        let state = InstanceState.newlyRequested
        #expect(state == InstanceState(vmState: .building, taskState: .scheduling, powerState: .noState, hasLaunched: false))
        #expect(state.status == .build)
    }
}
