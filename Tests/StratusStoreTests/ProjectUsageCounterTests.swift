import Foundation
import StratusCore
import StratusStore
import Testing

/// `project_instance_usage` is kept by triggers: after any mix of creates,
/// state changes, resizes and row deletes it equals the sum over the live rows.
@Suite struct ProjectUsageCounterTests {
    @Test(arguments: [1, 2, 3])
    func runningTotalsEqualTheSumOverLiveServers(seed: UInt64) async throws {
        let temp = try TemporaryStore()
        let store = temp.store
        var random = SplitMix(seed: seed)
        let projects = ["p-a", "p-b", "p-c"]
        var rows: [String: Instance] = [:]
        for step in 0..<120 {
            let existing = rows.keys.sorted()
            switch random.next() % 4 {
            case 0, 1:
                let project = projects[Int(random.next() % 3)]
                let instance = Instance(
                    id: "i-\(step)", name: "s\(step)", projectID: project, userID: "u", imageID: "img",
                    flavor: Self.flavor(&random),
                    state: InstanceState(vmState: random.next() % 5 == 0 ? .error : .active, powerState: .running),
                    createdAt: Date())
                try await store.commit([.insertInstance(instance)])
            default:
                guard let id = existing.isEmpty ? nil : existing[Int(random.next() % UInt64(existing.count))],
                      var instance = try await store.instance(id: id) else { continue }
                switch random.next() % 3 {
                case 0: instance.state = InstanceState(vmState: .deleted, powerState: .noState)
                case 1: instance.state = InstanceState(vmState: .stopped, powerState: .shutdown)
                default: instance.flavor = Self.flavor(&random)  // a resize
                }
                try await store.commit([.updateInstance(instance)])
            }
            for id in rows.keys.sorted() + ["i-\(step)"] {
                rows[id] = try await store.instance(id: id)
            }
        }
        for project in projects {
            let live = rows.values.filter { $0.projectID == project && $0.state.vmState != .deleted }
            let usage = try await store.instanceUsage(projectID: project)
            #expect(usage.instances == live.count, "\(project)")
            #expect(usage.cores == live.reduce(0) { $0 + $1.flavor.vcpus }, "\(project)")
            #expect(usage.ramMiB == live.reduce(0) { $0 + $1.flavor.memoryMiB }, "\(project)")
        }
        #expect(try await store.instanceUsage(projectID: "nobody") == InstanceUsage(instances: 0, cores: 0, ramMiB: 0))
    }

    static func flavor(_ random: inout SplitMix) -> Flavor {
        let vcpus = Int(random.next() % 8) + 1
        return Flavor(id: "f\(vcpus)", name: "f\(vcpus)", vcpus: vcpus, memoryMiB: vcpus * 512, rootDiskGiB: 1)
    }
}

/// A small seeded generator, so a failing seed replays.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
