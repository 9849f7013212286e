import Foundation
import StratusCore
import Testing

/// Hard affinity and anti-affinity against where the group's members are.
@Suite struct ServerGroupFilterTests {
    static func request(_ policy: ServerGroupPolicy, members: [String], max: Int = 1) -> SchedulingRequest {
        Fixture.request(group: ServerGroupPlacement(policy: policy, memberHostIDs: members, maxServerPerHost: max))
    }

    @Test func affinityFollowsExistingMembers() {
        let filter = ServerGroupAffinityFilter()
        let request = Self.request(.affinity, members: ["h1", "h1"])
        #expect(Fixture.verdict(filter, Fixture.host("h1"), request).passes)
        #expect(Fixture.verdict(filter, Fixture.host("h2"), request).isRejection)
    }

    @Test func affinityFirstMemberGoesAnywhere() {
        #expect(Fixture.verdict(ServerGroupAffinityFilter(), Fixture.host("h2"), Self.request(.affinity, members: [])).passes)
    }

    @Test func antiAffinityAvoidsHostsWithMembers() {
        let filter = ServerGroupAntiAffinityFilter()
        let request = Self.request(.antiAffinity, members: ["h1"])
        #expect(Fixture.verdict(filter, Fixture.host("h1"), request).isRejection)
        #expect(Fixture.verdict(filter, Fixture.host("h2"), request).passes)
    }

    @Test(arguments: [(0, true), (1, true), (2, false), (3, false)])
    func antiAffinityMaxServerPerHost(membersOnHost: Int, passes: Bool) {
        let request = Self.request(
            .antiAffinity, members: Array(repeating: "h1", count: membersOnHost) + ["h2"], max: 2)
        #expect(Fixture.verdict(ServerGroupAntiAffinityFilter(), Fixture.host("h1"), request).passes == passes)
    }

    /// Each filter minds only its own policy; soft policies are the weighers' business.
    @Test(arguments: ServerGroupPolicy.allCases)
    func filtersIgnoreOtherPolicies(policy: ServerGroupPolicy) {
        let request = Self.request(policy, members: ["h1"])
        let affinity = Fixture.verdict(ServerGroupAffinityFilter(), Fixture.host("h2"), request)
        let anti = Fixture.verdict(ServerGroupAntiAffinityFilter(), Fixture.host("h1"), request)
        #expect(affinity.passes == (policy != .affinity))
        #expect(anti.passes == (policy != .antiAffinity))
        #expect(Fixture.verdict(ServerGroupAffinityFilter(), Fixture.host("h2")).passes)
        #expect(Fixture.verdict(ServerGroupAntiAffinityFilter(), Fixture.host("h1")).passes)
    }
}
