import Foundation
import StratusCore
import Testing

/// Requested zone against the host's zone; unzoned hosts are in the default zone.
@Suite struct AvailabilityZoneFilterTests {
    static let cases: [(requested: String?, hostZone: String?, passes: Bool)] = [
        (nil, "az1", true), ("", "az1", true), (nil, nil, true),
        ("az1", "az1", true), ("az1", "az2", false), ("az1", nil, false),
        ("nova", nil, true), ("nova", "az1", false), ("AZ1", "az1", false),
    ]

    @Test(arguments: cases)
    func zoneMatching(requested: String?, hostZone: String?, passes: Bool) {
        let verdict = Fixture.verdict(
            AvailabilityZoneFilter(), Fixture.host("h", zone: hostZone), Fixture.request(zone: requested))
        #expect(verdict.passes == passes)
    }

    @Test func defaultZoneIsConfigurable() {
        let filter = AvailabilityZoneFilter(defaultZone: "internal")
        #expect(Fixture.verdict(filter, Fixture.host("h"), Fixture.request(zone: "internal")).passes)
        #expect(Fixture.verdict(filter, Fixture.host("h"), Fixture.request(zone: "nova")).isRejection)
    }
}
