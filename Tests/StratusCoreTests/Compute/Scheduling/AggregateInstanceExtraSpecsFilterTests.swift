import Foundation
import StratusCore
import Testing

/// Flavor extra specs (scoped or unscoped) against aggregate metadata.
@Suite struct AggregateInstanceExtraSpecsFilterTests {
    static func verdict(specs: [String: String], metadata: [String: String]) -> FilterVerdict {
        Fixture.verdict(
            AggregateInstanceExtraSpecsFilter(), Fixture.host("h", aggregateMetadata: metadata),
            Fixture.request(Fixture.flavor(extraSpecs: specs)))
    }

    @Test func flavorWithoutSpecsGoesAnywhere() {
        #expect(Self.verdict(specs: [:], metadata: [:]).passes)
        #expect(Self.verdict(specs: [:], metadata: ["ssd": "true"]).passes)
    }

    @Test(arguments: ["aggregate_instance_extra_specs:ssd", "ssd"])
    func scopedAndUnscopedKeysAreChecked(key: String) {
        #expect(Self.verdict(specs: [key: "true"], metadata: ["ssd": "true"]).passes)
        #expect(Self.verdict(specs: [key: "true"], metadata: ["ssd": "false"]).isRejection)
        #expect(Self.verdict(specs: [key: "true"], metadata: ["hdd": "true"]).isRejection)
        #expect(Self.verdict(specs: [key: "true"], metadata: [:]).isRejection)
    }

    @Test func otherScopesAreSkipped() {
        let specs = ["hw:cpu_policy": "dedicated", "trust:trusted_host": "trusted", "hw_rng:allowed": "true"]
        #expect(Self.verdict(specs: specs, metadata: [:]).passes)
    }

    /// Several aggregates' values for one key: any one of them may match.
    @Test func commaSeparatedValuesAreAlternatives() {
        #expect(Self.verdict(specs: ["ssd": "true"], metadata: ["ssd": "false, true"]).passes)
        #expect(Self.verdict(specs: ["ssd": "true"], metadata: ["ssd": "false,no"]).isRejection)
    }

    @Test func operatorsApply() {
        let specs = ["aggregate_instance_extra_specs:cores": ">= 8", "tier": "<or> gold <or> silver"]
        #expect(Self.verdict(specs: specs, metadata: ["cores": "16", "tier": "silver"]).passes)
        #expect(Self.verdict(specs: specs, metadata: ["cores": "4", "tier": "silver"]).isRejection)
        #expect(Self.verdict(specs: specs, metadata: ["cores": "16", "tier": "bronze"]).isRejection)
    }

    /// Only the first colon separates the scope.
    @Test func keyKeepsLaterColons() {
        let specs = ["aggregate_instance_extra_specs:net:fast": "yes"]
        #expect(Self.verdict(specs: specs, metadata: ["net:fast": "yes"]).passes)
        #expect(Self.verdict(specs: specs, metadata: ["fast": "yes"]).isRejection)
    }
}
