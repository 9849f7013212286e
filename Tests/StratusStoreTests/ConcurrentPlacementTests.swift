import Foundation
import StratusCore
import StratusStore
import Testing

/// Claims are the store's conditional update: concurrent placements, from
/// several store connections as several controllers would hold, never
/// over-commit a host and never leave room unused while refusing a request.
@Suite("Concurrent placement claims")
struct ConcurrentPlacementTests {
    static let tiny = Flavor(id: "1", name: "m1.tiny", vcpus: 1, memoryMiB: 512, rootDiskGiB: 1)

    /// Three hosts with room for exactly 20 + 20 + 10 tiny instances (vCPU-bound, ratio 1).
    static func hosts(now: Date) -> [ComputeHost] {
        [("h1", 20), ("h2", 20), ("h3", 10)].map { name, vcpus in
            ComputeHost(
                id: name, name: name, lastHeartbeat: now,
                capacity: ResourceAmounts(vcpus: vcpus, memoryMiB: 1 << 20, diskGiB: 10_000),
                allocationRatios: AllocationRatios(cpu: 1.0, ram: 1.0, disk: 1.0))
        }
    }

    static func service(_ store: SQLiteStore) throws -> ComputeService {
        ComputeService(store: store, policy: try PolicyEngine(defaults: ComputePolicy.defaults))
    }

    @Test func twoHundredConcurrentPlacementsFillExactlyFiftySlots() async throws {
        let temporary = try TemporaryStore()
        let first = try Self.service(temporary.store)
        let second = try Self.service(try temporary.reopen())  // a second controller on the same database
        for host in Self.hosts(now: Date()) { try await first.registerHost(host) }

        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<200 {
                let service = index.isMultiple(of: 2) ? first : second
                group.addTask {
                    do {
                        _ = try await service.place(
                            SchedulingRequest(flavor: Self.tiny), instanceID: "i-\(index)", scheduler: Scheduler())
                        return true
                    } catch is NoValidHost {
                        return false
                    } catch {
                        Issue.record("unexpected error: \(error)")
                        return false
                    }
                }
            }
            var results: [Bool] = []
            for await outcome in group { results.append(outcome) }
            return results
        }
        #expect(outcomes.filter { $0 }.count == 50)
        #expect(outcomes.filter { !$0 }.count == 150)
        let hosts = try await temporary.store.computeHosts()
        for host in hosts {
            #expect(host.usage.vcpus == host.limits.vcpus, "host \(host.name) should be exactly full")
            #expect(host.usage.vcpus <= host.limits.vcpus)
        }
    }

    @Test func claimThatDoesNotFitChangesNothing() async throws {
        let temporary = try TemporaryStore()
        let service = try Self.service(temporary.store)
        for host in Self.hosts(now: Date()) { try await service.registerHost(host) }
        let tooBig = ResourceClaim(hostID: "h3", instanceID: "big", amounts: ResourceAmounts(vcpus: 11, memoryMiB: 1, diskGiB: 1))
        #expect(await temporary.store.commitFailure([.claimResources(tooBig)]) == .insufficientCapacity)
        #expect(try await temporary.store.claim(instanceID: "big") == nil)
        #expect(try await temporary.store.computeHosts().first { $0.id == "h3" }?.usage == .zero)
    }

    @Test func releaseGivesResourcesBackOnce() async throws {
        let temporary = try TemporaryStore()
        let service = try Self.service(temporary.store)
        for host in Self.hosts(now: Date()) { try await service.registerHost(host) }
        let claim = try await service.place(SchedulingRequest(flavor: Self.tiny), instanceID: "i-1", scheduler: Scheduler())
        #expect(try await temporary.store.claim(instanceID: "i-1") == claim)
        try await service.releaseClaim(instanceID: "i-1")
        try await service.releaseClaim(instanceID: "i-1")  // a repeated release is harmless
        let usage = try await temporary.store.computeHosts().map(\.usage)
        #expect(usage.allSatisfy { $0 == .zero })
    }

    @Test func reRegisteringAHostKeepsItsUsage() async throws {
        let temporary = try TemporaryStore()
        let service = try Self.service(temporary.store)
        for host in Self.hosts(now: Date()) { try await service.registerHost(host) }
        let claim = try await service.place(SchedulingRequest(flavor: Self.tiny), instanceID: "i-1", scheduler: Scheduler())
        for host in Self.hosts(now: Date()) { try await service.registerHost(host) }
        let host = try #require(try await temporary.store.computeHosts().first { $0.id == claim.hostID })
        #expect(host.usage.vcpus == 1)
    }
}
