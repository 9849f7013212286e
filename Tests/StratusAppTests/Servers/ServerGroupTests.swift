import Foundation
import StratusCore
import StratusStore
import Testing

@Suite("Server groups")
struct ServerGroupTests {
    func members(_ world: ServerWorld, group: ServerGroup, count: Int) async throws -> [String] {
        var ids: [String] = []
        for index in 0..<count {
            let creation = try await world.compute.createServers(ServerWorld.demo, ServerDraft(
                name: "m\(index)", imageRef: ServerWorld.imageID, flavorRef: "1", groupID: group.id))
            ids.append(creation.instances[0].id)
        }
        return ids
    }

    @Test func antiAffinitySpreadsAndRefusesWhenHostsRunOut() async throws {
        let world = try await ServerWorld(hosts: 3)
        let group = try await world.compute.createServerGroup(ServerWorld.demo, name: "spread", policy: .antiAffinity)
        let ids = try await members(world, group: group, count: 4)
        try await world.converge()
        var hosts: [String] = []
        for id in ids.prefix(3) { hosts.append(try #require(try await world.instance(id).hostID)) }
        #expect(Set(hosts).count == 3)
        let fourth = try await world.instance(ids[3])
        #expect(fourth.status == .error)
        #expect(try await world.compute.getServerGroup(ServerWorld.demo, id: group.id).members.count == 4)
    }

    @Test func affinityKeepsMembersTogether() async throws {
        let world = try await ServerWorld(hosts: 3)
        let group = try await world.compute.createServerGroup(ServerWorld.demo, name: "together", policy: .affinity)
        let ids = try await members(world, group: group, count: 3)
        try await world.converge()
        var hosts: Set<String> = []
        for id in ids { hosts.insert(try #require(try await world.instance(id).hostID)) }
        #expect(hosts.count == 1)
    }

    /// A placement decided on a stale view of the group (the other member was
    /// placed meanwhile, by another controller) is refused at commit time.
    @Test func aStaleAntiAffinityPlacementIsRefusedInTheTransaction() async throws {
        let world = try await ServerWorld(hosts: 1)
        let group = try await world.compute.createServerGroup(ServerWorld.demo, name: "race", policy: .antiAffinity)
        let ids = try await members(world, group: group, count: 2)
        try await world.compute.scheduleUnplaced()
        #expect(try await world.instance(ids[0]).hostID == "sim-1")
        #expect(try await world.instance(ids[1]).status == .error)
        // The race itself: the second member's claim on sim-1 as a controller
        // with a stale snapshot would commit it.
        let stale = await storeError { try await world.store.commit([
            .claimResources(ResourceClaim(hostID: "sim-1", instanceID: "late", amounts: ResourceAmounts(vcpus: 1, memoryMiB: 1, diskGiB: 1))),
            .requireGroupPlacement(GroupPlacementCheck(
                groupID: group.id, instanceID: ids[1], hostID: "sim-1", policy: .antiAffinity, maxServerPerHost: 1)),
        ]) }
        guard case .insufficientCapacity = stale else {
            Issue.record("expected insufficientCapacity, got \(String(describing: stale))")
            return
        }
        #expect(try await world.store.claim(instanceID: "late") == nil, "the claim rolled back with the refusal")
    }

    @Test func groupRules() {
        let anti = GroupPlacementCheck(groupID: "g", instanceID: "i", hostID: "h1", policy: .antiAffinity, maxServerPerHost: 1)
        #expect(anti.admits(otherMemberHosts: ["h2", "h3"]))
        #expect(!anti.admits(otherMemberHosts: ["h2", "h1"]))
        var two = anti
        two.maxServerPerHost = 2
        #expect(two.admits(otherMemberHosts: ["h1"]))
        #expect(!two.admits(otherMemberHosts: ["h1", "h1"]))
        let affinity = GroupPlacementCheck(groupID: "g", instanceID: "i", hostID: "h1", policy: .affinity, maxServerPerHost: 1)
        #expect(affinity.admits(otherMemberHosts: []))
        #expect(affinity.admits(otherMemberHosts: ["h1", "h1"]))
        #expect(!affinity.admits(otherMemberHosts: ["h1", "h2"]))
        let soft = GroupPlacementCheck(groupID: "g", instanceID: "i", hostID: "h1", policy: .softAntiAffinity, maxServerPerHost: 1)
        #expect(soft.admits(otherMemberHosts: ["h1", "h1"]))
    }

    /// Two controllers place members of one anti-affinity group at the same
    /// time: the members still end on distinct hosts.
    @Test func concurrentControllersStillSpreadAntiAffinityMembers() async throws {
        for _ in 0..<5 {
            let world = try await ServerWorld(hosts: 4)
            let group = try await world.compute.createServerGroup(ServerWorld.demo, name: "race", policy: .antiAffinity)
            let ids = try await members(world, group: group, count: 4)
            let second = ComputeService(
                store: try SQLiteStore(path: world.directory.appendingPathComponent("stratus.sqlite").path),
                policy: try PolicyEngine(defaults: ComputePolicy.defaults), images: FixedImages([]))
            async let first: Int = world.compute.scheduleUnplaced()
            async let other: Int = second.scheduleUnplaced()
            _ = try await (first, other)
            try await world.compute.scheduleUnplaced()
            var hosts: [String] = []
            for id in ids {
                let instance = try await world.instance(id)
                if let host = instance.hostID { hosts.append(host) }
            }
            #expect(hosts.count == Set(hosts).count, "two members share a host: \(hosts)")
            #expect(hosts.count == 4)
        }
    }

    @Test func membersQuotaAndGroupOwnership() async throws {
        var quotas = QuotaSet.novaDefaults
        quotas.serverGroupMembers = 2
        quotas.serverGroups = 1
        let world = try await ServerWorld(hosts: 1, quotas: quotas)
        let group = try await world.compute.createServerGroup(ServerWorld.demo, name: "small", policy: .softAffinity)
        _ = try await members(world, group: group, count: 2)
        let third = await computeError { _ = try await members(world, group: group, count: 1) }
        #expect(third == .forbidden("Quota exceeded, too many servers in group"))
        let another = await computeError {
            _ = try await world.compute.createServerGroup(ServerWorld.demo, name: "second", policy: .affinity)
        }
        #expect(another == .forbidden("Quota exceeded, too many server groups."))
        let foreign = await computeError {
            _ = try await world.compute.createServers(ServerWorld.other, ServerDraft(
                name: "x", imageRef: ServerWorld.imageID, flavorRef: "1", groupID: group.id))
        }
        #expect(foreign == .badRequest("Invalid server group: Group \(group.id) could not be found."))
        let hidden = await computeError { _ = try await world.compute.getServerGroup(ServerWorld.other, id: group.id) }
        #expect(hidden == .notFound("Instance group \(group.id) could not be found."))
    }
}

@Suite("Compute v2.1 over HTTP: server groups")
struct ServerGroupsHTTPTests {
    @Test func createListShowDeleteAt21() async throws {
        try await ServersHTTPTests.run { cloud, converge, demo, _ in
            let created = try await cloud.send(.post, "/compute/v2.1/os-server-groups", token: demo, json: [
                "server_group": ["name": "web", "policies": ["anti-affinity"]],
            ])
            #expect(created.status == .ok)
            let group = try #require(created.json?["server_group"]?.objectValue)
            #expect(Set(group.keys) == ["id", "name", "policies", "members", "metadata"])
            let id = try #require(group["id"]?.stringValue)

            let bad = try await cloud.send(.post, "/compute/v2.1/os-server-groups", token: demo, json: [
                "server_group": ["name": "x", "policies": ["soft-affinity"]],
            ])
            #expect(bad.status == .badRequest, "soft policies need 2.15")

            let server = try await cloud.send(.post, "/compute/v2.1/servers", token: demo, json: [
                "server": ["name": "m", "imageRef": .string(ServerWorld.imageID), "flavorRef": "1"],
                "os:scheduler_hints": ["group": .string(id)],
            ])
            #expect(server.status == .accepted)
            try await converge()
            let shown = try await cloud.send(.get, "/compute/v2.1/os-server-groups/\(id)", token: demo)
            #expect(shown.json?["server_group"]?["members"]?.arrayValue?.count == 1)
            let list = try await cloud.send(.get, "/compute/v2.1/os-server-groups", token: demo)
            #expect(list.json?["server_groups"]?.arrayValue?.count == 1)
            #expect(try await cloud.send(.delete, "/compute/v2.1/os-server-groups/\(id)", token: demo).status == .noContent)
            #expect(try await cloud.send(.get, "/compute/v2.1/os-server-groups/\(id)", token: demo).status == .notFound)
        }
    }
}

func storeError(_ body: () async throws -> Void) async -> StoreError? {
    do {
        try await body()
        return nil
    } catch let error as StoreError {
        return error
    } catch {
        Issue.record("unexpected error type: \(error)")
        return nil
    }
}
