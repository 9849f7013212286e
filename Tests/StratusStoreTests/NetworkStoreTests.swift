import Foundation
import StratusCore
import StratusStore
import Testing

/// The store's networking guarantees: an address, a MAC and a project's default
/// group exist once, whoever writes; free addresses follow the pools.
@Suite struct NetworkStoreTests {
    let temp: TemporaryStore
    var store: SQLiteStore { temp.store }
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    init() throws {
        temp = try TemporaryStore()
    }

    func seed(cidr: String = "10.0.0.0/29") async throws -> Subnet {
        let network = Network(id: "n1", name: "net", projectID: "p1", createdAt: now)
        let subnet = try NetworkService.planSubnet(
            SubnetDraft(networkID: "n1", cidr: cidr, ipVersion: 4), id: "s1", projectID: "p1", at: now)
        try await store.commit([.insertNetwork(network), .insertSubnet(subnet)])
        return subnet
    }

    func port(_ id: String, _ address: String, mac: String? = nil) -> NetworkPort {
        NetworkPort(
            id: id, networkID: "n1", projectID: "p1", macAddress: mac ?? "fa:16:3e:00:00:\(id.suffix(2))",
            fixedIPs: [NetworkPort.FixedIP(subnetID: "s1", address: IPv4.parse(address)!)], securityGroupIDs: [],
            createdAt: now)
    }

    @Test func freeAddressesFollowThePoolThenFillGaps() async throws {
        // 10.0.0.0/29: gateway .1, pool .2–.6.
        let subnet = try await seed()
        #expect(try await store.freeAddresses(subnet: subnet, count: 2).map(IPv4.format) == ["10.0.0.2", "10.0.0.3"])
        try await store.commit([.insertPort(port("p01", "10.0.0.2")), .insertPort(port("p02", "10.0.0.3")),
                                .insertPort(port("p03", "10.0.0.6"))])
        // After the highest taken (.6) the pool is at its end: the gaps come next.
        #expect(try await store.freeAddresses(subnet: subnet, count: 5).map(IPv4.format) == ["10.0.0.4", "10.0.0.5"])
        try await store.commit([.deletePort(id: "p01")])
        #expect(try await store.freeAddresses(subnet: subnet, count: 1).map(IPv4.format) == ["10.0.0.2"])
    }

    @Test func anAddressOrMACIsHeldOnceAndAFailedCommitChangesNothing() async throws {
        _ = try await seed()
        try await store.commit([.insertPort(port("p01", "10.0.0.2"))])
        await #expect(throws: StoreError.self) {
            try await store.commit([.insertPort(port("p02", "10.0.0.3")), .insertPort(port("p03", "10.0.0.2"))])
        }
        #expect(try await store.port(id: "p02") == nil)
        await #expect(throws: StoreError.self) {
            try await store.commit([.insertPort(port("p04", "10.0.0.4", mac: "fa:16:3e:00:00:01"))])
        }
    }

    @Test func oneDefaultGroupPerProjectAndStaleUpdatesConflict() async throws {
        let first = SecurityGroup(id: "g1", name: "default", projectID: "p1", createdAt: now)
        let second = SecurityGroup(id: "g2", name: "default", projectID: "p1", createdAt: now)
        try await store.commit([.insertSecurityGroup(first)])
        await #expect(throws: StoreError.self) { try await store.commit([.insertSecurityGroup(second)]) }
        try await store.commit([.insertSecurityGroup(SecurityGroup(id: "g3", name: "default", projectID: "p2", createdAt: now))])
        var renamed = SecurityGroup(id: "g4", name: "web", projectID: "p1", createdAt: now)
        try await store.commit([.insertSecurityGroup(renamed)])
        renamed.name = "www"
        renamed.revision = 2
        try await store.commit([.updateSecurityGroup(renamed)])
        renamed.name = "stale"
        await #expect(throws: StoreError.self) { try await store.commit([.updateSecurityGroup(renamed)]) }
        #expect(try await store.securityGroup(id: "g4")?.name == "www")
    }

    @Test func aRuleGoesWithTheGroupItNamesAsRemote() async throws {
        let web = SecurityGroup(id: "g1", name: "web", projectID: "p1", createdAt: now)
        let peer = SecurityGroup(id: "g2", name: "peer", projectID: "p1", createdAt: now)
        let fromPeer = SecurityGroupRule(
            id: "r1", securityGroupID: "g1", projectID: "p1", direction: .ingress, remoteGroupID: "g2", createdAt: now)
        let open = SecurityGroupRule(id: "r2", securityGroupID: "g1", projectID: "p1", direction: .egress, createdAt: now)
        try await store.commit([.insertSecurityGroup(web), .insertSecurityGroup(peer),
                                .insertSecurityGroupRule(fromPeer), .insertSecurityGroupRule(open)])
        try await store.commit([.deleteSecurityGroup(id: "g2")])
        #expect(try await store.securityGroupRules(groupIDs: ["g1"]).map(\.id) == ["r2"])
    }
}
