import Foundation
import StratusCore
import Testing

/// A hardware RNG on the host when the request or the flavor requires one.
@Suite struct RNGFilterTests {
    static let cases: [(spec: String?, required: Bool, hostHasRNG: Bool, passes: Bool)] = [
        (nil, false, false, true), (nil, true, false, false), (nil, true, true, true),
        ("true", false, false, false), ("True", false, true, true), ("yes", false, false, false),
        ("1", false, false, false), (" on ", false, false, false),
        ("false", false, false, true), ("false", true, false, false), ("garbage", false, false, true),
    ]

    @Test(arguments: cases)
    func requirement(spec: String?, required: Bool, hostHasRNG: Bool, passes: Bool) {
        let flavor = Fixture.flavor(extraSpecs: spec.map { ["hw_rng:allowed": $0] } ?? [:])
        let host = Fixture.host("h", traits: HostTraits(hasHardwareRNG: hostHasRNG))
        #expect(Fixture.verdict(RNGFilter(), host, Fixture.request(flavor, rng: required)).passes == passes)
    }
}
