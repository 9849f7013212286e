import Foundation
import StratusCore
import Testing

/// Normalization, the resource weighers for spread and pack, soft group policies.
@Suite struct WeigherTests {
    @Test func normalizeAsNova() {
        #expect(WeightNormalization.normalize([]) == [])
        #expect(WeightNormalization.normalize([5, 5, 5]) == [0, 0, 0])
        #expect(WeightNormalization.normalize([1, 2, 3]) == [0, 0.5, 1])
        #expect(WeightNormalization.normalize([2, 4], minimum: 0) == [0.5, 1])
        #expect(WeightNormalization.normalize([0, 0], minimum: 0) == [0, 0])
        #expect(WeightNormalization.normalize([1, 3], minimum: 0, maximum: 4) == [0.25, 0.75])
    }

    /// Free RAM 4096, 8192, 2048 MiB (hosts of 8192 MiB).
    static let hosts = [
        Fixture.host("h1", memoryMiB: 8_192, usage: ResourceAmounts(memoryMiB: 4_096)),
        Fixture.host("h2", memoryMiB: 8_192),
        Fixture.host("h3", memoryMiB: 8_192, usage: ResourceAmounts(memoryMiB: 6_144)),
    ]

    static func ranking(_ hosts: [ComputeHost], _ weighers: [any HostWeigher], _ request: SchedulingRequest = Fixture.request()) -> [String] {
        HostWeighing.rank(hosts, request: request, weighers: weighers).map(\.host.id)
    }

    @Test func ramSpreadPrefersMostFreeRAM() {
        let ranked = HostWeighing.rank(Self.hosts, request: Fixture.request(), weighers: [RAMWeigher()])
        #expect(ranked.map(\.host.id) == ["h2", "h1", "h3"])
        // Normalized from zero (minval 0), not from the smallest candidate.
        #expect(ranked.map(\.weight) == [1.0, 0.5, 0.25])
    }

    @Test func ramPackPrefersLeastFreeRAM() {
        let ranked = HostWeighing.rank(Self.hosts, request: Fixture.request(), weighers: [RAMWeigher(multiplier: -1)])
        #expect(ranked.map(\.host.id) == ["h3", "h1", "h2"])
        #expect(ranked.map(\.weight) == [-0.25, -0.5, -1.0])
    }

    /// Over-committed RAM (negative free) counts as none.
    @Test func negativeFreeRAMClampsToZero() {
        let hosts = [
            Fixture.host("over", memoryMiB: 4_096, usage: ResourceAmounts(memoryMiB: 6_000)),
            Fixture.host("full", memoryMiB: 4_096, usage: ResourceAmounts(memoryMiB: 4_096)),
            Fixture.host("free", memoryMiB: 4_096),
        ]
        let ranked = HostWeighing.rank(hosts, request: Fixture.request(), weighers: [RAMWeigher(multiplier: -1)])
        #expect(ranked.map(\.host.id) == ["over", "full", "free"])
        #expect(ranked.map(\.weight) == [0, 0, -1])
    }

    /// Free vCPUs count under the allocation ratio: 8 cores at 16.0 beat 16 at 1.0.
    @Test func cpuWeigherAppliesRatio() {
        let hosts = [
            Fixture.host("dedicated", vcpus: 16, ratios: AllocationRatios(cpu: 1, ram: 1.5, disk: 1)),
            Fixture.host("shared", vcpus: 8),
        ]
        #expect(Self.ranking(hosts, [CPUWeigher()]) == ["shared", "dedicated"])
        #expect(Self.ranking(hosts, [CPUWeigher(multiplier: -1)]) == ["dedicated", "shared"])
    }

    @Test func diskWeigherSpreadsAndPacks() {
        let hosts = [Fixture.host("a", diskGiB: 100, usage: ResourceAmounts(diskGiB: 90)), Fixture.host("b", diskGiB: 100)]
        #expect(Self.ranking(hosts, [DiskWeigher()]) == ["b", "a"])
        #expect(Self.ranking(hosts, [DiskWeigher(multiplier: -1)]) == ["a", "b"])
    }

    @Test func singleCandidateIsNotWeighed() {
        let ranked = HostWeighing.rank([Self.hosts[1]], request: Fixture.request(), weighers: [RAMWeigher()])
        #expect(ranked.map(\.weight) == [0])
    }

    @Test func tiesKeepSnapshotOrder() {
        let same = ["c", "a", "b"].map { Fixture.host($0) }
        #expect(Self.ranking(same, SchedulerConfiguration.spreadWeighers) == ["c", "a", "b"])
        #expect(Self.ranking(same, SchedulerConfiguration.packWeighers) == ["c", "a", "b"])
    }

    static let multiplierCases: [(metadata: String?, expected: Double)] = [
        (nil, 1.0), ("-1", -1.0), ("2.5", 2.5), ("3, 2", 2.0), ("abc", 1.0), ("nan", 1.0), ("inf", 1.0), ("2,x", 1.0),
    ]

    /// Aggregate metadata overrides the configured multiplier: the smallest value; the
    /// configured one when any value is unreadable.
    @Test(arguments: multiplierCases)
    func aggregateMultiplierOverride(metadata: String?, expected: Double) {
        let host = Fixture.host("h", aggregateMetadata: metadata.map { ["ram_weight_multiplier": $0] } ?? [:])
        #expect(RAMWeigher(multiplier: 1.0).multiplier(for: host) == expected)
    }

    @Test func aggregateMultiplierTurnsSpreadIntoPackForItsHosts() {
        var hosts = Self.hosts
        for index in hosts.indices { hosts[index].aggregateMetadata = ["ram_weight_multiplier": "-1.0"] }
        #expect(Self.ranking(hosts, [RAMWeigher()]) == ["h3", "h1", "h2"])
    }

    static let identical = ["h1", "h2", "h3"].map { Fixture.host($0) }

    @Test func softAffinityPrefersHostsWithMoreMembers() {
        let request = Fixture.request(
            group: ServerGroupPlacement(policy: .softAffinity, memberHostIDs: ["h3", "h2", "h3"]))
        let ranked = HostWeighing.rank(Self.identical, request: request, weighers: [ServerGroupSoftAffinityWeigher()])
        #expect(ranked.map(\.host.id) == ["h3", "h2", "h1"])
        #expect(ranked.map(\.weight) == [1.0, 0.5, 0])
    }

    @Test func softAntiAffinityPrefersHostsWithFewerMembers() {
        let request = Fixture.request(
            group: ServerGroupPlacement(policy: .softAntiAffinity, memberHostIDs: ["h1", "h2", "h1"]))
        let ranked = HostWeighing.rank(
            Self.identical, request: request, weighers: [ServerGroupSoftAntiAffinityWeigher()])
        #expect(ranked.map(\.host.id) == ["h3", "h2", "h1"])
        #expect(ranked.map(\.weight) == [1.0, 0.5, 0])
    }

    /// Each soft weigher minds only its own policy.
    @Test(arguments: [ServerGroupPolicy.affinity, .antiAffinity])
    func softWeighersIgnoreHardPolicies(policy: ServerGroupPolicy) {
        let request = Fixture.request(group: ServerGroupPlacement(policy: policy, memberHostIDs: ["h3"]))
        let weighers: [any HostWeigher] = [ServerGroupSoftAffinityWeigher(), ServerGroupSoftAntiAffinityWeigher()]
        let ranked = HostWeighing.rank(Self.identical, request: request, weighers: weighers)
        #expect(ranked.map(\.weight) == [0, 0, 0])
    }
}
