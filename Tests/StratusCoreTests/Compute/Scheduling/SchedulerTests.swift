import Foundation
import StratusCore
import Testing

/// The whole pipeline: filters, weighers, multi-instance consumption, NoValidHost.
@Suite struct SchedulerTests {
    /// 1 vCPU, 512 MiB, 1 GiB.
    static let small = Fixture.flavor(vcpus: 1, memoryMiB: 512, diskGiB: 1)

    /// RAM-bound at the default ratio 1.5: 6827 MiB offer 10240 MiB (20 small
    /// instances), 3414 MiB offer 5121 (10). Fifty in all.
    static let fiftySlots = [
        Fixture.host("a", vcpus: 4, memoryMiB: 6_827, diskGiB: 100),
        Fixture.host("b", vcpus: 4, memoryMiB: 6_827, diskGiB: 100),
        Fixture.host("c", vcpus: 4, memoryMiB: 3_414, diskGiB: 100),
    ]

    static func select(
        _ request: SchedulingRequest, _ hosts: [ComputeHost], scheduler: Scheduler = Scheduler()
    ) throws(NoValidHost) -> [HostSelection] {
        try scheduler.select(request, from: hosts, now: Fixture.now)
    }

    /// Applies the selections in order with the claim check; fails the test if one does
    /// not fit. Returns the hosts as they end up.
    static func apply(_ selections: [HostSelection], to hosts: [ComputeHost]) -> [String: ComputeHost] {
        var byID = Dictionary(uniqueKeysWithValues: hosts.map { ($0.id, $0) })
        for selection in selections {
            let claim = selection.claim(for: "instance-\(selection.instanceIndex)")
            guard let claimed = byID[selection.hostID]?.claiming(claim) else {
                Issue.record("selection \(selection.instanceIndex) on \(selection.hostID) does not fit")
                continue
            }
            byID[selection.hostID] = claimed
        }
        return byID
    }

    @Test func fiftyInstancesFillExactlyFiftySlots() throws {
        let selections = try Self.select(Fixture.request(Self.small, count: 50), Self.fiftySlots)
        #expect(selections.count == 50)
        #expect(selections.map(\.instanceIndex) == Array(0..<50))
        let counts = Dictionary(grouping: selections, by: \.hostID).mapValues(\.count)
        #expect(counts == ["a": 20, "b": 20, "c": 10])
        let after = Self.apply(selections, to: Self.fiftySlots)
        for host in after.values {
            #expect(host.usage.memoryMiB <= host.limits.memoryMiB)
            #expect(!host.canClaim(Self.small.resources), "\(host.id) should be full")
        }
    }

    @Test func fiftyFirstInstanceFindsNoValidHost() {
        let error = #expect(throws: NoValidHost.self) {
            try Self.select(Fixture.request(Self.small, count: 51), Self.fiftySlots)
        }
        #expect(error?.instanceIndex == 50)
        #expect(error?.requestedCount == 51)
        #expect(error?.rejections.map(\.hostID) == ["a", "b", "c"])
        #expect(error?.rejections.allSatisfy { $0.filter == "ResourceFilter" } == true)
        #expect(error?.message == "No valid host was found. There are not enough hosts available.")
        #expect(error.map(String.init(describing:)) == NoValidHost.faultMessage)
        #expect(error?.tally.hasPrefix("3 hosts: ResourceFilter rejected 3 (MEMORY_MB: requested 512") == true)
    }

    /// Spread alternates between hosts as each fills; pack fills one host first.
    @Test func spreadVersusPack() throws {
        let hosts = [
            Fixture.host("busy", memoryMiB: 8_192, usage: ResourceAmounts(vcpus: 4, memoryMiB: 4_096, diskGiB: 100)),
            Fixture.host("idle", memoryMiB: 8_192),
        ]
        let spread = try Self.select(Fixture.request(Self.small), hosts)
        #expect(spread.map(\.hostID) == ["idle"])
        let pack = try Self.select(
            Fixture.request(Self.small), hosts,
            scheduler: Fixture.scheduler(weighers: SchedulerConfiguration.packWeighers))
        #expect(pack.map(\.hostID) == ["busy"])

        let twoEqual = [Fixture.host("x"), Fixture.host("y")]
        let spreadFour = try Self.select(Fixture.request(Self.small, count: 4), twoEqual)
        #expect(spreadFour.map(\.hostID) == ["x", "y", "x", "y"])
        let packFour = try Self.select(
            Fixture.request(Self.small, count: 4), twoEqual,
            scheduler: Fixture.scheduler(weighers: SchedulerConfiguration.packWeighers))
        #expect(packFour.map(\.hostID) == ["x", "x", "x", "x"])
    }

    @Test func antiAffinitySpreadsInstancesOverHosts() throws {
        let hosts = ["h1", "h2", "h3", "h4"].map { Fixture.host($0) }
        let group = ServerGroupPlacement(policy: .antiAffinity)
        // Pack weighers would stack them; the filter must still keep them apart.
        let packer = Fixture.scheduler(weighers: SchedulerConfiguration.packWeighers)
        let four = try Self.select(Fixture.request(Self.small, count: 4, group: group), hosts, scheduler: packer)
        #expect(Set(four.map(\.hostID)) == ["h1", "h2", "h3", "h4"])

        let error = #expect(throws: NoValidHost.self) {
            try Self.select(Fixture.request(Self.small, count: 5, group: group), hosts, scheduler: packer)
        }
        #expect(error?.instanceIndex == 4)
        #expect(error?.rejections.count == 4)
        #expect(error?.rejections.allSatisfy { $0.filter == "ServerGroupAntiAffinityFilter" } == true)

        let existing = ServerGroupPlacement(policy: .antiAffinity, memberHostIDs: ["h2"])
        let three = try Self.select(Fixture.request(Self.small, count: 3, group: existing), hosts)
        #expect(Set(three.map(\.hostID)) == ["h1", "h3", "h4"])
    }

    @Test func antiAffinityWithMaxServerPerHost() throws {
        let hosts = ["h1", "h2"].map { Fixture.host($0) }
        let group = ServerGroupPlacement(policy: .antiAffinity, maxServerPerHost: 2)
        let four = try Self.select(Fixture.request(Self.small, count: 4, group: group), hosts)
        #expect(Dictionary(grouping: four, by: \.hostID).mapValues(\.count) == ["h1": 2, "h2": 2])
        #expect(throws: NoValidHost.self) {
            try Self.select(Fixture.request(Self.small, count: 5, group: group), hosts)
        }
    }

    @Test func affinityKeepsInstancesTogetherUntilTheHostIsFull() throws {
        let hosts = [Fixture.host("h1"), Fixture.host("h2", memoryMiB: 2_048), Fixture.host("h3")]
        let fresh = try Self.select(Fixture.request(Self.small, count: 3, group: .init(policy: .affinity)), hosts)
        #expect(Set(fresh.map(\.hostID)).count == 1)

        // h2 offers 3072 MiB at 1.5: six small instances.
        let joined = ServerGroupPlacement(policy: .affinity, memberHostIDs: ["h2"])
        let six = try Self.select(Fixture.request(Self.small, count: 6, group: joined), hosts)
        #expect(six.allSatisfy { $0.hostID == "h2" && $0.alternateHostIDs.isEmpty })
        #expect(throws: NoValidHost.self) {
            try Self.select(Fixture.request(Self.small, count: 7, group: joined), hosts)
        }
    }

    /// Soft anti-affinity weighs, it does not forbid: it spreads while it can and
    /// stacks when it must.
    @Test func softAntiAffinityPrefersButDoesNotRefuse() throws {
        let hosts = ["h1", "h2"].map { Fixture.host($0) }
        let scheduler = Fixture.scheduler(weighers: [
            RAMWeigher(multiplier: -1), ServerGroupSoftAntiAffinityWeigher(multiplier: 10),
        ])
        let group = ServerGroupPlacement(policy: .softAntiAffinity)
        let four = try Self.select(Fixture.request(Self.small, count: 4, group: group), hosts, scheduler: scheduler)
        #expect(four.map(\.hostID) == ["h1", "h2", "h1", "h2"])
    }

    @Test func softAffinityGathersWhenItOutweighsSpread() throws {
        let hosts = ["h1", "h2", "h3"].map { Fixture.host($0) }
        let scheduler = Fixture.scheduler(weighers: [RAMWeigher(), ServerGroupSoftAffinityWeigher(multiplier: 10)])
        let group = ServerGroupPlacement(policy: .softAffinity, memberHostIDs: ["h3"])
        let three = try Self.select(Fixture.request(Self.small, count: 3, group: group), hosts, scheduler: scheduler)
        #expect(three.map(\.hostID) == ["h3", "h3", "h3"])
    }

    @Test func requestedHostNarrowsCandidatesButFiltersStillRun() throws {
        let hosts = [Fixture.host("h1"), Fixture.host("h2"), Fixture.host("h3", heartbeatAge: 600)]
        let forced = try Self.select(Fixture.request(Self.small, count: 2, requestedHost: "COMPUTE-h2"), hosts)
        #expect(forced.map(\.hostID) == ["h2", "h2"])
        #expect(forced.allSatisfy { $0.alternateHostIDs.isEmpty && $0.rejections.isEmpty })

        let down = #expect(throws: NoValidHost.self) {
            try Self.select(Fixture.request(Self.small, requestedHost: "compute-h3"), hosts)
        }
        #expect(down?.rejections.map(\.filter) == ["ComputeFilter"])
        let unknown = #expect(throws: NoValidHost.self) {
            try Self.select(Fixture.request(Self.small, requestedHost: "compute-nowhere"), hosts)
        }
        #expect(unknown?.rejections == [])
    }

    @Test func rejectionsNameTheFilterPerHost() throws {
        let hosts = [
            Fixture.host("off", enabled: false),
            Fixture.host("elsewhere", zone: "az2"),
            Fixture.host("tiny", vcpus: 1, memoryMiB: 256, diskGiB: 1),
            Fixture.host("ok", zone: "az1"),
        ]
        let selections = try Self.select(Fixture.request(Self.small, zone: "az1"), hosts)
        #expect(selections.map(\.hostID) == ["ok"])
        let byHost = Dictionary(uniqueKeysWithValues: selections[0].rejections.map { ($0.hostID, $0.filter) })
        #expect(byHost == ["off": "ComputeFilter", "elsewhere": "AvailabilityZoneFilter", "tiny": "ResourceFilter"])
        #expect(selections[0].rejections[0].description == "compute-off (off) rejected by ComputeFilter: host is disabled")
    }

    @Test func alternatesFollowWeightAndSkipHostsChosenForTheRequest() throws {
        let hosts = (1...5).map { Fixture.host("h\($0)", memoryMiB: 16_384 * $0) }
        let one = try Self.select(Fixture.request(Self.small), hosts)
        #expect(one[0].candidateHostIDs == ["h5", "h4", "h3"])

        let two = try Self.select(Fixture.request(Self.small, count: 2), hosts)
        #expect(two.map(\.hostID) == ["h5", "h5"])
        #expect(two.allSatisfy { $0.alternateHostIDs == ["h4", "h3"] })

        // Instance 0 ranked h4 first among the others when it was placed, but h4 went to
        // instance 1, so it is not instance 0's alternate.
        let apart = try Self.select(
            Fixture.request(Self.small, count: 2, group: ServerGroupPlacement(policy: .antiAffinity)), hosts)
        #expect(apart.map(\.hostID) == ["h5", "h4"])
        #expect(apart.map(\.alternateHostIDs) == [["h3", "h2"], ["h3", "h2"]])

        let none = try Self.select(Fixture.request(Self.small), hosts, scheduler: Fixture.scheduler(maxAlternates: 0))
        #expect(none[0].alternateHostIDs.isEmpty)
    }

    /// Capacity is checked even when the configuration lists no filters at all.
    @Test func capacityCannotBeConfiguredAway() {
        let full = Fixture.host(
            "full", vcpus: 1, ratios: AllocationRatios(cpu: 1, ram: 1, disk: 1), usage: ResourceAmounts(vcpus: 1))
        #expect(throws: NoValidHost.self) {
            try Self.select(Fixture.request(Self.small), [full], scheduler: Fixture.scheduler(filters: []))
        }
    }

    @Test func everyDefaultFilterTakesPart() throws {
        let trusted = HostTraits(
            attestation: HostAttestation(trusted: true, attestedAt: Fixture.now), hasHardwareRNG: true)
        let x86 = [SupportedInstance(architecture: "x86_64", hypervisorType: "qemu", vmMode: "hvm")]
        let good = Fixture.host(
            "good", zone: "az1", aggregateMetadata: ["ssd": "true"], supportedInstances: x86, traits: trusted)
        var stale = good
        stale.id = "stale"
        stale.traits.attestation = HostAttestation(trusted: true, attestedAt: Fixture.now.addingTimeInterval(-3_600))
        var noRNG = good
        noRNG.id = "no-rng"
        noRNG.traits.hasHardwareRNG = false
        var arm = good
        arm.id = "arm"
        arm.supportedInstances = [SupportedInstance(architecture: "aarch64", hypervisorType: "qemu", vmMode: "hvm")]
        var hdd = good
        hdd.id = "hdd"
        hdd.aggregateMetadata = ["ssd": "false"]

        let request = Fixture.request(
            Fixture.flavor(extraSpecs: ["ssd": "true"]), imageProperties: ["hw_architecture": "x86_64"], zone: "az1",
            trusted: true, rng: true)
        let selections = try Self.select(request, [stale, noRNG, arm, hdd, good])
        #expect(selections.map(\.hostID) == ["good"])
        #expect(selections[0].rejections.map(\.filter) == [
            "TrustedFilter", "RNGFilter", "ImagePropertiesFilter", "AggregateInstanceExtraSpecsFilter",
        ])
    }

    @Test func zeroInstancesSelectNothing() throws {
        #expect(try Self.select(Fixture.request(Self.small, count: 0), Self.fiftySlots).isEmpty)
        #expect(try Self.select(Fixture.request(Self.small, count: 0), []).isEmpty)
    }

    @Test func noHostsAtAll() {
        #expect(throws: NoValidHost(instanceIndex: 0, requestedCount: 1, rejections: [])) {
            try Self.select(Fixture.request(Self.small), [])
        }
    }

    @Test func selectionCarriesTheClaim() throws {
        let flavor = Fixture.flavor(vcpus: 2, memoryMiB: 1_024, diskGiB: 10, swapMiB: 512)
        let selection = try Self.select(Fixture.request(flavor), [Fixture.host("h")])[0]
        #expect(
            selection.claim(for: "i-1")
                == ResourceClaim(
                    hostID: "h", instanceID: "i-1", amounts: ResourceAmounts(vcpus: 2, memoryMiB: 1_024, diskGiB: 11)))
    }
}
