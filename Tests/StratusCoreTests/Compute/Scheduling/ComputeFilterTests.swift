import Foundation
import StratusCore
import Testing

/// Enabled and up: heartbeat within service_down_time of now, either way.
@Suite struct ComputeFilterTests {
    static let cases: [(age: TimeInterval, up: Bool)] = [
        (0, true), (30, true), (60, true), (60.5, false), (61, false), (3_600, false),
        // A heartbeat from the future (clock skew) counts by its distance too.
        (-60, true), (-61, false),
    ]

    @Test(arguments: cases)
    func heartbeatAgeAgainstDefaultDownTime(age: TimeInterval, up: Bool) {
        let verdict = Fixture.verdict(ComputeFilter(), Fixture.host("h", heartbeatAge: age))
        #expect(verdict.passes == up)
    }

    @Test func downTimeIsConfigurable() {
        let host = Fixture.host("h", heartbeatAge: 90)
        #expect(Fixture.verdict(ComputeFilter(), host).isRejection)
        #expect(Fixture.verdict(ComputeFilter(serviceDownTime: 120), host).passes)
    }

    @Test func disabledHostIsRejectedEvenWhenUp() {
        let verdict = Fixture.verdict(ComputeFilter(), Fixture.host("h", enabled: false, heartbeatAge: 0))
        #expect(verdict == .reject("host is disabled"))
    }
}
