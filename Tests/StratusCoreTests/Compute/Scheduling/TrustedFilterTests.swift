import Foundation
import StratusCore
import Testing

/// Trusted pools: attested, trusted, and fresh when trust is required.
@Suite struct TrustedFilterTests {
    static func host(trusted: Bool? = true, age: TimeInterval = 0) -> ComputeHost {
        let attestation = trusted.map {
            HostAttestation(trusted: $0, attestedAt: Fixture.now.addingTimeInterval(-age))
        }
        return Fixture.host("h", traits: HostTraits(attestation: attestation))
    }

    static let required = Fixture.request(trusted: true)

    @Test func notRequiredAcceptsAnyHost() {
        #expect(Fixture.verdict(TrustedFilter(), Self.host(trusted: nil)).passes)
        #expect(Fixture.verdict(TrustedFilter(), Self.host(trusted: false)).passes)
    }

    static let freshness: [(trusted: Bool?, age: TimeInterval, passes: Bool)] = [
        (true, 0, true), (true, 599, true), (true, 600, true), (true, 601, false), (true, 86_400, false),
        (true, -600, true), (true, -601, false),
        (false, 0, false), (nil, 0, false),
    ]

    @Test(arguments: freshness)
    func requiredByRequest(trusted: Bool?, age: TimeInterval, passes: Bool) {
        #expect(Fixture.verdict(TrustedFilter(), Self.host(trusted: trusted, age: age), Self.required).passes == passes)
    }

    @Test(arguments: freshness)
    func requiredByFlavor(trusted: Bool?, age: TimeInterval, passes: Bool) {
        let request = Fixture.request(Fixture.flavor(extraSpecs: ["trust:trusted_host": "trusted"]))
        #expect(Fixture.verdict(TrustedFilter(), Self.host(trusted: trusted, age: age), request).passes == passes)
    }

    @Test func validityIsConfigurable() {
        let stale = Self.host(age: 900)
        #expect(Fixture.verdict(TrustedFilter(), stale, Self.required).isRejection)
        #expect(Fixture.verdict(TrustedFilter(attestationValidity: 3_600), stale, Self.required).passes)
    }

    @Test func staleAttestationIsReported() {
        #expect(
            Fixture.verdict(TrustedFilter(), Self.host(age: 601), Self.required)
                == .reject("trusted host required; attestation 601.0 s old (validity 600.0 s)"))
    }

    /// `untrusted` keeps the flavor off the trusted pool — unless the request needs trust.
    @Test func untrustedFlavorAvoidsTrustedHosts() {
        let untrusted = Fixture.request(Fixture.flavor(extraSpecs: ["trust:trusted_host": "untrusted"]))
        #expect(Fixture.verdict(TrustedFilter(), Self.host(), untrusted).isRejection)
        #expect(Fixture.verdict(TrustedFilter(), Self.host(age: 601), untrusted).passes)
        #expect(Fixture.verdict(TrustedFilter(), Self.host(trusted: nil), untrusted).passes)
        var both = untrusted
        both.requiresTrustedHost = true
        #expect(Fixture.verdict(TrustedFilter(), Self.host(), both).passes)
        #expect(Fixture.verdict(TrustedFilter(), Self.host(trusted: nil), both).isRejection)
    }

    @Test func unrecognisedTrustValueMatchesNoHost() {
        let odd = Fixture.request(Fixture.flavor(extraSpecs: ["trust:trusted_host": "Trusted"]))
        #expect(Fixture.verdict(TrustedFilter(), Self.host(), odd).isRejection)
        #expect(Fixture.verdict(TrustedFilter(), Self.host(trusted: nil), odd).isRejection)
    }
}
