import Foundation
import StratusCore
import Testing

/// Quotas are checked in the transaction that inserts the servers, so
/// concurrent creates never pass the limit together.
@Suite("Server quotas")
struct ServerQuotaTests {
    static var three: QuotaSet {
        var quotas = QuotaSet.novaDefaults
        quotas.instances = 3
        return quotas
    }

    @Test func theFourthServerIsRefusedWithNovasMessage() async throws {
        let world = try await ServerWorld(quotas: Self.three)
        for index in 0..<3 { _ = try await world.create(ServerWorld.demo, name: "s\(index)") }
        let error = await computeError { _ = try await world.create(ServerWorld.demo, name: "s4") }
        #expect(error == .forbidden("Quota exceeded for instances: Requested 1, but already used 3 of 3 instances"))
        // Another project has its own quota.
        _ = try await world.create(ServerWorld.other)
    }

    @Test func concurrentCreatesStopExactlyAtTheLimit() async throws {
        let world = try await ServerWorld(quotas: Self.three)
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<12 {
                group.addTask {
                    (try? await world.create(ServerWorld.demo, name: "c\(index)")) != nil
                }
            }
            var outcomes: [Bool] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        #expect(results.filter { $0 }.count == 3)
        #expect(try await world.store.instanceUsage(projectID: "P-demo").instances == 3)
    }

    @Test func deletedServersGiveTheirQuotaBack() async throws {
        let world = try await ServerWorld(quotas: Self.three)
        var ids: [String] = []
        for index in 0..<3 { ids.append(try await world.create(ServerWorld.demo, name: "s\(index)").id) }
        try await world.converge()
        try await world.compute.deleteServer(ServerWorld.demo, id: ids[0])
        // Still counted while its host has not destroyed it.
        #expect(await computeError { _ = try await world.create(ServerWorld.demo) } != nil)
        try await world.converge()
        _ = try await world.create(ServerWorld.demo, name: "again")
    }

    @Test func absurdCountsAreRefusedBeforeAnythingIsWritten() async throws {
        let world = try await ServerWorld(quotas: Self.three)
        for (min, max) in [(1, 1_000_000_000_000), (0, 1), (3, 2), (-5, 1)] {
            let error = await computeError {
                _ = try await world.compute.createServers(
                    ServerWorld.demo,
                    ServerDraft(name: "x", imageRef: ServerWorld.imageID, flavorRef: "1", minCount: min, maxCount: max))
            }
            guard case .badRequest = error else {
                Issue.record("min \(min) max \(max): \(String(describing: error))")
                continue
            }
        }
        #expect(try await world.store.instanceUsage(projectID: "P-demo").instances == 0)
    }

    @Test func minAndMaxCountTakeWhatTheQuotaAllows() async throws {
        let world = try await ServerWorld(quotas: Self.three)
        let creation = try await world.compute.createServers(
            ServerWorld.demo,
            ServerDraft(name: "many", imageRef: ServerWorld.imageID, flavorRef: "1", minCount: 1, maxCount: 5))
        #expect(creation.instances.map(\.name) == ["many-1", "many-2", "many-3"])
    }
}
