import Foundation
import StratusCore

/// Builders shared by the scheduling suites: one fixed `now`, hosts that are up and
/// enabled unless told otherwise, and small flavors.
enum Fixture {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func host(
        _ id: String, vcpus: Int = 16, memoryMiB: Int = 65_536, diskGiB: Int = 1_000,
        reserved: ResourceAmounts = .zero, ratios: AllocationRatios = .default, usage: ResourceAmounts = .zero,
        zone: String? = nil, enabled: Bool = true, heartbeatAge: TimeInterval = 5,
        aggregateMetadata: [String: String] = [:], supportedInstances: [SupportedInstance] = [],
        traits: HostTraits = HostTraits()
    ) -> ComputeHost {
        ComputeHost(
            id: id, name: "compute-\(id)", availabilityZone: zone, enabled: enabled,
            lastHeartbeat: now.addingTimeInterval(-heartbeatAge),
            capacity: ResourceAmounts(vcpus: vcpus, memoryMiB: memoryMiB, diskGiB: diskGiB), reserved: reserved,
            allocationRatios: ratios, usage: usage, aggregateMetadata: aggregateMetadata,
            supportedInstances: supportedInstances, traits: traits)
    }

    static func flavor(
        vcpus: Int = 1, memoryMiB: Int = 512, diskGiB: Int = 1, ephemeralGiB: Int = 0, swapMiB: Int = 0,
        extraSpecs: [String: String] = [:]
    ) -> Flavor {
        Flavor(
            id: "f-\(vcpus)-\(memoryMiB)-\(diskGiB)", name: "test.flavor", vcpus: vcpus, memoryMiB: memoryMiB,
            rootDiskGiB: diskGiB, ephemeralGiB: ephemeralGiB, swapMiB: swapMiB, extraSpecs: extraSpecs)
    }

    static func request(
        _ flavor: Flavor = flavor(), count: Int = 1, imageProperties: [String: String] = [:], zone: String? = nil,
        requestedHost: String? = nil, group: ServerGroupPlacement? = nil, trusted: Bool = false, rng: Bool = false
    ) -> SchedulingRequest {
        SchedulingRequest(
            flavor: flavor, imageProperties: imageProperties, availabilityZone: zone, requestedHost: requestedHost,
            serverGroup: group, requiresTrustedHost: trusted, requiresHardwareRNG: rng, instanceCount: count)
    }

    static func verdict(
        _ filter: some HostFilter, _ host: ComputeHost, _ request: SchedulingRequest = request()
    ) -> FilterVerdict {
        filter.verdict(for: host, request: request, now: now)
    }

    /// The scheduler with only the mandatory capacity check and the given weighers, for
    /// suites that study one effect at a time.
    static func scheduler(
        filters: [any HostFilter] = SchedulerConfiguration.defaultFilters(),
        weighers: [any HostWeigher] = SchedulerConfiguration.spreadWeighers, maxAlternates: Int = 2
    ) -> Scheduler {
        Scheduler(
            configuration: SchedulerConfiguration(filters: filters, weighers: weighers, maxAlternates: maxAlternates))
    }
}

extension FilterVerdict {
    var isRejection: Bool { !passes }
}

/// SplitMix64: a small seeded generator, so a failing randomized case can be replayed
/// from its seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
