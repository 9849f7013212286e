import Foundation

/// Which filters and weighers the scheduler runs, and how many alternates it offers.
/// Capacity is not among the choices: `Scheduler` always checks it first, because
/// claims must never exceed capacity × ratio whatever an operator configures.
public struct SchedulerConfiguration: Sendable {
    public var filters: [any HostFilter]
    public var weighers: [any HostWeigher]
    /// Alternates per instance besides the chosen host (Nova: `max_attempts` − 1).
    public var maxAlternates: Int

    public init(
        filters: [any HostFilter] = Self.defaultFilters(), weighers: [any HostWeigher] = Self.spreadWeighers,
        maxAlternates: Int = 2
    ) {
        self.filters = filters
        self.weighers = weighers
        self.maxAlternates = maxAlternates
    }

    /// Cheap, widely-rejecting filters first, so most hosts leave early.
    public static func defaultFilters(
        serviceDownTime: TimeInterval = RegisteredHost.serviceDownTime, attestationValidity: TimeInterval = 600, defaultZone: String = "nova",
        defaultArchitecture: String? = nil
    ) -> [any HostFilter] {
        [
            ComputeFilter(serviceDownTime: serviceDownTime),
            AvailabilityZoneFilter(defaultZone: defaultZone),
            ServerGroupAntiAffinityFilter(),
            ServerGroupAffinityFilter(),
            SameHostFilter(),
            DifferentHostFilter(),
            TrustedFilter(attestationValidity: attestationValidity),
            RNGFilter(),
            ImagePropertiesFilter(defaultArchitecture: defaultArchitecture),
            AggregateInstanceExtraSpecsFilter(),
        ]
    }

    /// Nova's defaults: spread by free RAM, vCPUs and disk; soft group policies.
    public static let spreadWeighers: [any HostWeigher] = [
        RAMWeigher(multiplier: 1.0), CPUWeigher(multiplier: 1.0), DiskWeigher(multiplier: 1.0),
        ServerGroupSoftAffinityWeigher(), ServerGroupSoftAntiAffinityWeigher(),
    ]

    /// Fill the fullest hosts first, keeping others empty (for power-off or for large
    /// flavors). Soft group policies keep their positive multipliers.
    public static let packWeighers: [any HostWeigher] = [
        RAMWeigher(multiplier: -1.0), CPUWeigher(multiplier: -1.0), DiskWeigher(multiplier: -1.0),
        ServerGroupSoftAffinityWeigher(), ServerGroupSoftAntiAffinityWeigher(),
    ]
}
