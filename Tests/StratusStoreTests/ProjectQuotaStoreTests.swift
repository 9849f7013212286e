import Foundation
import StratusCore
import StratusStore
import Testing

/// Cinder's and Neutron's per-project limits in the store: which limit a check
/// holds a project to, what it counts, and that two services never share a limit.
@Suite struct ProjectQuotaStoreTests {
    let temp: TemporaryStore
    var store: SQLiteStore { temp.store }
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    init() throws {
        temp = try TemporaryStore()
    }

    func check(_ resource: String, _ project: String = "p1", adding: Int = 1, default limit: Int) -> StoreChange {
        .requireProjectQuota(ProjectQuotaCheck(
            service: .network, projectID: project, resource: resource, adding: adding, defaultLimit: limit))
    }

    func network(_ id: String, _ project: String = "p1") -> StoreChange {
        .insertNetwork(Network(id: id, name: id, projectID: project, createdAt: now))
    }

    func exceeded(_ changes: [StoreChange]) async -> QuotaExceeded? {
        do {
            try await store.commit(changes)
            return nil
        } catch StoreError.quotaExceeded(let exceeded) {
            return exceeded
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    @Test func theProjectsOwnLimitThenTheDefaultClassThenTheDefault() async throws {
        try await store.commit([network("n1")])
        #expect(await exceeded([check("network", default: 1), network("n2")])
            == QuotaExceeded(resource: "network", requested: 1, used: 1, limit: 1))
        // The class `default` replaces the check's default for every project.
        try await store.commit([.setProjectQuotaClass(.network, className: "default", resource: "network", limit: 2)])
        #expect(await exceeded([check("network", default: 1), network("n2")]) == nil)
        #expect(await exceeded([check("network", default: 1), network("n3")])?.limit == 2)
        // The project's own replaces both; -1 is unlimited.
        try await store.commit([.setProjectQuota(.network, projectID: "p1", resource: "network", limit: -1)])
        #expect(await exceeded([check("network", default: 1), network("n3")]) == nil)
        #expect(try await store.projectQuotaLimits(.network, projectID: "p1") == ["network": -1])
        #expect(try await store.projectQuotaClassLimits(.network, className: "default") == ["network": 2])
        // Another project is held to the class default, counting only its own rows.
        #expect(await exceeded([check("network", "p2", adding: 3, default: 1), network("m1", "p2")])?.limit == 2)
        #expect(try await store.projectQuotaUsage(.network, projectID: "p1", resources: ["network", "router"])
            == ["network": 3, "router": 0])
    }

    @Test func servicesKeepTheirOwnLimitsAndReverts() async throws {
        try await store.commit([
            .setProjectQuota(.network, projectID: "p1", resource: "port", limit: 5),
            .setProjectQuota(.volume, projectID: "p1", resource: "volumes", limit: 4),
            .setProjectQuota(.volume, projectID: "p2", resource: "gigabytes", limit: 40),
            // Nova's own table is apart: reverting it leaves the others'.
            .setQuota(projectID: "p1", resource: "instances", limit: 3),
        ])
        try await store.commit([.deleteQuotas(projectID: "p1")])
        #expect(try await store.projectQuotaLimits(.volume, projectID: "p1") == ["volumes": 4])
        try await store.commit([.deleteProjectQuotas(.volume, projectID: "p1")])
        #expect(try await store.projectQuotaLimits(.volume, projectID: "p1") == [:])
        #expect(try await store.projectQuotaLimits(.network, projectID: "p1") == ["port": 5])
        #expect(try await store.projectQuotaLimitsByProject(.volume) == ["p2": ["gigabytes": 40]])
    }

    @Test func subnetsAndRulesAreCountedByTheirOwnProject() async throws {
        let subnet = try NetworkService.planSubnet(
            SubnetDraft(networkID: "n1", cidr: "10.1.0.0/24", ipVersion: 4), id: "s1", projectID: "p2", at: now)
        let group = SecurityGroup(id: "g1", name: "web", projectID: "p1", createdAt: now)
        let rule = SecurityGroupRule(
            id: "r1", securityGroupID: "g1", projectID: "p1", direction: .egress, ethertype: .ipv4, createdAt: now)
        try await store.commit([network("n1"), .insertSubnet(subnet), .insertSecurityGroup(group), .insertSecurityGroupRule(rule)])
        let resources = ["network", "subnet", "security_group", "security_group_rule", "port"]
        #expect(try await store.projectQuotaUsage(.network, projectID: "p1", resources: resources)
            == ["network": 1, "subnet": 0, "security_group": 1, "security_group_rule": 1, "port": 0])
        #expect(try await store.projectQuotaUsage(.network, projectID: "p2", resources: resources)["subnet"] == 1)
        // A failed check leaves nothing of its commit.
        let second = SecurityGroupRule(
            id: "r2", securityGroupID: "g1", projectID: "p1", direction: .egress, ethertype: .ipv6, createdAt: now)
        #expect(await exceeded([check("security_group_rule", default: 1), .insertSecurityGroupRule(second)]) != nil)
        #expect(try await store.securityGroupRule(id: "r2") == nil)
    }
}
