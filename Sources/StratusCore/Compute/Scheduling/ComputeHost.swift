import Foundation

/// The scheduler's view of one compute host: what it has, what is already claimed on
/// it, and what it offers beyond raw capacity. A snapshot read from the store — by the
/// time a selection is acted on it may be stale, which is why claims are conditional
/// updates (see `ResourceClaim`).
public struct ComputeHost: Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    /// Nil when the host is in no zone; it then counts as the default zone, as Nova
    /// treats a host outside every AZ aggregate (`default_availability_zone`).
    public var availabilityZone: String?
    /// An operator's switch (`openstack compute service set --disable`).
    public var enabled: Bool
    /// When the host's agent last reported; a host silent for too long is down.
    public var lastHeartbeat: Date
    /// Physical totals.
    public var capacity: ResourceAmounts
    /// Kept back for the host itself (placement's `reserved`, Nova's
    /// `reserved_host_memory_mb` and friends); never offered to instances.
    public var reserved: ResourceAmounts
    public var allocationRatios: AllocationRatios
    /// Resources already claimed by instances on this host.
    public var usage: ResourceAmounts
    /// The metadata of the host aggregates this host belongs to, merged. Where several
    /// aggregates set one key the values are joined with commas, which is how Nova
    /// itself reads them (a set of comma-separated values per key).
    public var aggregateMetadata: [String: String]
    /// Guest kinds the hypervisor runs; empty means it advertised none.
    public var supportedInstances: [SupportedInstance]
    public var traits: HostTraits

    public init(
        id: String, name: String, availabilityZone: String? = nil, enabled: Bool = true, lastHeartbeat: Date,
        capacity: ResourceAmounts, reserved: ResourceAmounts = .zero, allocationRatios: AllocationRatios = .default,
        usage: ResourceAmounts = .zero, aggregateMetadata: [String: String] = [:],
        supportedInstances: [SupportedInstance] = [], traits: HostTraits = HostTraits()
    ) {
        self.id = id
        self.name = name
        self.availabilityZone = availabilityZone
        self.enabled = enabled
        self.lastHeartbeat = lastHeartbeat
        self.capacity = capacity
        self.reserved = reserved
        self.allocationRatios = allocationRatios
        self.usage = usage
        self.aggregateMetadata = aggregateMetadata
        self.supportedInstances = supportedInstances
        self.traits = traits
    }

    /// The most that may ever be claimed: `(capacity − reserved) × ratio` per resource,
    /// rounded down, as placement computes capacity. Whole units make the bound exact, so
    /// the store can enforce the same figure with integer arithmetic in SQL.
    public var limits: ResourceAmounts {
        ResourceAmounts(
            vcpus: Self.limit(capacity.vcpus, reserved.vcpus, allocationRatios.cpu),
            memoryMiB: Self.limit(capacity.memoryMiB, reserved.memoryMiB, allocationRatios.ram),
            diskGiB: Self.limit(capacity.diskGiB, reserved.diskGiB, allocationRatios.disk))
    }

    /// A ratio that is not a finite non-negative number offers nothing (fail closed), and
    /// the conversion is clamped so a corrupt row cannot trap the scheduler.
    static func limit(_ total: Int, _ reserved: Int, _ ratio: Double) -> Int {
        guard ratio.isFinite, ratio >= 0 else { return 0 }
        let usable = total.subtractingReportingOverflow(reserved)
        guard !usable.overflow else { return 0 }
        let product = (Double(usable.partialValue) * ratio).rounded(.down)
        if product >= Double(Int.max) { return Int.max }
        if product <= Double(Int.min) { return Int.min }
        return Int(product)
    }
}
