import Foundation
import StratusCore
import StratusStore
import Testing

/// The compute issue's acceptance cases for the control plane.
@Suite("Servers: scale, idempotency, host failures")
struct ServerAcceptanceTests {
    static var unlimited: QuotaSet {
        var quotas = QuotaSet.novaDefaults
        quotas.instances = -1
        quotas.cores = -1
        quotas.ramMiB = -1
        return quotas
    }

    /// Three hosts with room for exactly 20 + 20 + 10 m1.tiny servers (vCPU-bound, ratio 1).
    static func fiftySlots() -> [ComputeHost] {
        [("h1", 20), ("h2", 20), ("h3", 10)].map { name, vcpus in
            ComputeHost(
                id: name, name: name, lastHeartbeat: Date(),
                capacity: ResourceAmounts(vcpus: vcpus, memoryMiB: 1 << 20, diskGiB: 10_000),
                allocationRatios: AllocationRatios(cpu: 1.0, ram: 1.0, disk: 1.0))
        }
    }

    @Test func twoHundredConcurrentCreatesFillExactlyFiftySlots() async throws {
        let world = try await ServerWorld(hostList: Self.fiftySlots(), quotas: Self.unlimited)
        let second = ComputeService(
            store: try SQLiteStore(path: world.directory.appendingPathComponent("stratus.sqlite").path),
            policy: try PolicyEngine(defaults: ComputePolicy.defaults), images: FixedImages([]))
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<200 {
                group.addTask { try await world.create(ServerWorld.demo, name: "s\(index)").id }
            }
            var all: [String] = []
            for try await id in group { all.append(id) }
            return all
        }
        #expect(ids.count == 200)
        // The hosts' agents would have kept heartbeating while the creates queued up
        // (under a loaded parallel test run that takes longer than the down time).
        for host in try await world.store.computeHosts() {
            try await world.compute.recordHeartbeat(hostID: host.id, at: Date())
        }
        // Two controllers schedule at once, then the agents converge.
        async let first: Int = world.compute.scheduleUnplaced(batch: 500)
        async let other: Int = second.scheduleUnplaced(batch: 500)
        _ = try await (first, other)
        try await world.converge()

        var statuses: [ServerStatus: Int] = [:]
        var faults: Set<String> = []
        for id in ids {
            let instance = try await world.instance(id)
            statuses[instance.status, default: 0] += 1
            if let fault = instance.fault { faults.insert(fault.message) }
        }
        #expect(faults == ["No valid host was found. There are not enough hosts available."])
        #expect(statuses[.active] == 50)
        #expect(statuses[.error] == 150)
        for host in try await world.store.computeHosts() {
            #expect(host.usage.vcpus == host.limits.vcpus, "\(host.name) exactly full")
        }
        #expect(try await world.guests().count == 50)
    }

    /// Deletes racing the scheduler: every delete succeeds, and once the hosts
    /// converge nothing is left — no row alive, no claim, no guest.
    @Test func deletesRacingTheSchedulerLeaveNothing() async throws {
        let world = try await ServerWorld(hosts: 2, quotas: Self.unlimited)
        var ids: [String] = []
        for index in 0..<30 { ids.append(try await world.create(ServerWorld.demo, name: "r\(index)").id) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await world.compute.scheduleUnplaced() }
            for id in ids {
                group.addTask { try await world.compute.deleteServer(ServerWorld.demo, id: id) }
            }
            try await group.waitForAll()
        }
        try await world.converge()
        for id in ids {
            #expect(try await world.instance(id).state.vmState == .deleted)
            #expect(try await world.store.claim(instanceID: id) == nil)
        }
        #expect(try await world.guests().isEmpty)
        for host in try await world.store.computeHosts() {
            #expect(host.usage == ResourceAmounts(vcpus: 0, memoryMiB: 0, diskGiB: 0))
        }
    }

    @Test func aSecondPassChangesNothing() async throws {
        let world = try await ServerWorld(hosts: 2)
        for index in 0..<4 { _ = try await world.create(ServerWorld.demo, name: "s\(index)") }
        try await world.converge()
        let guests = try await world.guests()
        let rows = try await world.store.instances(ServerListFilter(projectID: "P-demo"))
        try await world.converge()
        #expect(try await world.guests() == guests)
        #expect(try await world.store.instances(ServerListFilter(projectID: "P-demo")) == rows)
    }

    /// The agent spawned the guest and crashed before reporting: the next pass
    /// completes the build without a second guest.
    @Test func aCrashAfterSpawnBeforeReportIsRepaired() async throws {
        let world = try await ServerWorld()
        let server = try await world.create(ServerWorld.demo)
        try await world.compute.scheduleUnplaced()
        let placed = try await world.instance(server.id)
        try await world.drivers[0].spawn(.init(placed))
        try await world.agents[0].reconcile()
        #expect(try await world.instance(server.id).status == .active)
        #expect(try await world.guests().count == 1)
    }

    /// The agent destroyed the guest and crashed before reporting: the next
    /// pass finishes the delete and frees the claim.
    @Test func aCrashAfterDestroyBeforeReportIsRepaired() async throws {
        let world = try await ServerWorld()
        let server = try await world.create(ServerWorld.demo)
        try await world.converge()
        try await world.compute.deleteServer(ServerWorld.demo, id: server.id)
        try await world.drivers[0].destroy(instanceID: server.id)
        try await world.agents[0].reconcile()
        #expect(try await world.instance(server.id).state.vmState == .deleted)
        #expect(try await world.store.claim(instanceID: server.id) == nil)
    }

    /// A delete while the host is down waits for it: the server stays
    /// `deleting` with its claim; when the host's agent returns, it destroys the
    /// guest and the delete completes.
    @Test func deleteWhileTheHostIsDownCompletesWhenItReturns() async throws {
        let world = try await ServerWorld()
        let server = try await world.create(ServerWorld.demo)
        try await world.converge()
        // The host stops heartbeating: shown down, skipped by the scheduler.
        try await world.compute.recordHeartbeat(hostID: "sim-1", at: Date(timeIntervalSinceNow: -3600))
        try await world.compute.deleteServer(ServerWorld.demo, id: server.id)
        try await world.compute.scheduleUnplaced()
        let waiting = try await world.instance(server.id)
        #expect(waiting.state.taskState == .deleting)
        #expect(try await world.store.claim(instanceID: server.id) != nil)
        #expect(try await world.guests()[server.id] == .running, "nothing reached the host yet")
        let other = try await world.create(ServerWorld.demo, name: "while-down")
        try await world.compute.scheduleUnplaced()
        #expect(try await world.instance(other.id).status == .error, "a down host gets no work")

        // The host returns.
        try await world.compute.recordHeartbeat(hostID: "sim-1", at: Date())
        try await world.agents[0].reconcile()
        #expect(try await world.instance(server.id).state.vmState == .deleted)
        #expect(try await world.guests()[server.id] == nil)
        #expect(try await world.store.claim(instanceID: server.id) == nil)
    }
}
