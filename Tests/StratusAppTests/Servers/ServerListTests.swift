import Foundation
import StratusCore
import Testing

@Suite("Server lists: filters and paging")
struct ServerListTests {
    @Test(arguments: [nil, ServerStatus.build])
    func pagesFollowTheMarkerNewestFirst(status: ServerStatus?) async throws {
        let world = try await ServerWorld()
        var ids: [String] = []
        for index in 0..<5 { ids.append(try await world.create(ServerWorld.demo, name: "s\(index)").id) }
        let newestFirst = Array(ids.reversed())
        var seen: [String] = []
        var marker: String?
        repeat {
            let page = try await world.compute.listServers(
                ServerWorld.demo, ServerListFilter(status: status, limit: 2, marker: marker), detail: false)
            seen += page.map(\.id)
            marker = page.count == 2 ? page.last?.id : nil
        } while marker != nil
        #expect(seen == newestFirst)
        let unknown = await computeError {
            _ = try await world.compute.listServers(ServerWorld.demo, ServerListFilter(marker: "nope"), detail: false)
        }
        #expect(unknown == .badRequest("marker [nope] not found"))
    }

    @Test func filtersByNamePatternStatusAndLock() async throws {
        let world = try await ServerWorld()
        let web = try await world.create(ServerWorld.demo, name: "web-1")
        _ = try await world.create(ServerWorld.demo, name: "db-1")
        try await world.converge()
        try await world.compute.performServerAction(ServerWorld.demo, id: web.id, .stop)
        try await world.converge()
        func names(_ filter: ServerListFilter) async throws -> [String] {
            try await world.compute.listServers(ServerWorld.demo, filter, detail: true).map(\.name).sorted()
        }
        #expect(try await names(ServerListFilter(namePattern: "^web")) == ["web-1"])
        #expect(try await names(ServerListFilter(namePattern: "-1$")) == ["db-1", "web-1"])
        #expect(try await names(ServerListFilter(status: .shutoff)) == ["web-1"])
        #expect(try await names(ServerListFilter(status: .active)) == ["db-1"])
        #expect(try await names(ServerListFilter(flavorID: "1")) == ["db-1", "web-1"])
        #expect(try await names(ServerListFilter(flavorID: "2")).isEmpty)
        let badPattern = await computeError { _ = try await names(ServerListFilter(namePattern: "(")) }
        #expect(badPattern != nil)
    }
}
