import Foundation
import StratusCore
import Testing

/// `same_host` and `different_host` against the hosts the named servers are on.
@Suite struct HostAffinityFilterTests {
    static func request(_ affinity: HostAffinity) -> SchedulingRequest {
        var request = Fixture.request()
        request.hostAffinity = affinity
        return request
    }

    @Test func sameHostKeepsOnlyHostsHoldingANamedServer() {
        let request = Self.request(HostAffinity(sameHostIDs: ["h1", "h3"]))
        #expect(Fixture.verdict(SameHostFilter(), Fixture.host("h1"), request).passes)
        #expect(Fixture.verdict(SameHostFilter(), Fixture.host("h2"), request).isRejection)
    }

    @Test func sameHostWithNamedServersOnNoHostLetsNoHostPass() {
        let request = Self.request(HostAffinity(sameHostIDs: []))
        #expect(Fixture.verdict(SameHostFilter(), Fixture.host("h1"), request).isRejection)
    }

    @Test func differentHostAvoidsHostsHoldingANamedServer() {
        let request = Self.request(HostAffinity(differentHostIDs: ["h1"]))
        #expect(Fixture.verdict(DifferentHostFilter(), Fixture.host("h1"), request).isRejection)
        #expect(Fixture.verdict(DifferentHostFilter(), Fixture.host("h2"), request).passes)
    }

    @Test func withoutHintsEveryHostPasses() {
        #expect(Fixture.verdict(SameHostFilter(), Fixture.host("h1")).passes)
        #expect(Fixture.verdict(DifferentHostFilter(), Fixture.host("h1")).passes)
    }

    @Test func theSchedulerRunsBothByDefault() throws {
        let hosts = [Fixture.host("h1"), Fixture.host("h2")]
        let scheduler = Scheduler(configuration: SchedulerConfiguration())
        let away = try scheduler.select(Self.request(HostAffinity(differentHostIDs: ["h1"])), from: hosts, now: Fixture.now)
        #expect(away.map(\.hostID) == ["h2"])
        let together = try scheduler.select(Self.request(HostAffinity(sameHostIDs: ["h1"])), from: hosts, now: Fixture.now)
        #expect(together.map(\.hostID) == ["h1"])
    }
}
