import Foundation
import StratusCore
import Testing

@Suite("Server updates race other writers")
struct ServerUpdateRaceTests {
    /// tempest's ServerShowV247Test once got Nova-unlike 409s: a rename that raced the
    /// agent's report lost its compare-and-set. Renames racing each other and the
    /// agent all land now, the last one winning.
    @Test func concurrentUpdatesAllSucceed() async throws {
        let world = try await ServerWorld(hosts: 1)
        let server = try await world.create(ServerWorld.demo)
        try await world.converge()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<4 {
                group.addTask {
                    _ = try await world.compute.updateServer(
                        ServerWorld.demo, id: server.id, ServerPatch(name: "renamed-\(index)", accessIPv4: "10.9.0.\(index + 1)"))
                }
            }
            group.addTask { try await world.converge() }
            try await group.waitForAll()
        }
        let renamed = try await world.instance(server.id)
        #expect(renamed.name.hasPrefix("renamed-"))
        #expect(renamed.accessIPv4.hasPrefix("10.9.0."))
    }
}
