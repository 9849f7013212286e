import Foundation

/// A Nova flavor: the size of an instance and, in `extraSpecs`, the placement wishes
/// that filters read (`aggregate_instance_extra_specs:*`, `trust:trusted_host`,
/// `hw_rng:allowed`, ...).
public struct Flavor: Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    public var vcpus: Int
    public var memoryMiB: Int
    public var rootDiskGiB: Int
    public var ephemeralGiB: Int
    public var swapMiB: Int
    public var isPublic: Bool
    public var extraSpecs: [String: String]
    /// 2.55; servers' embedded copies leave it out, as Nova's do.
    public var description: String?

    public init(
        id: String, name: String, vcpus: Int, memoryMiB: Int, rootDiskGiB: Int, ephemeralGiB: Int = 0,
        swapMiB: Int = 0, isPublic: Bool = true, extraSpecs: [String: String] = [:], description: String? = nil
    ) {
        self.description = description
        self.id = id
        self.name = name
        self.vcpus = vcpus
        self.memoryMiB = memoryMiB
        self.rootDiskGiB = rootDiskGiB
        self.ephemeralGiB = ephemeralGiB
        self.swapMiB = swapMiB
        self.isPublic = isPublic
        self.extraSpecs = extraSpecs
    }

    /// What one instance of this flavor claims on a host, as Nova asks placement for it:
    /// local disk is root + ephemeral + swap, swap rounded *up* to whole GiB so a 512 MiB
    /// swap still holds a gigabyte (nova.compute.utils.convert_mb_to_ceil_gb). The
    /// filter and the claim both use this one figure; Nova's legacy in-memory
    /// consumption left swap out, which let its own view drift from placement's.
    public var resources: ResourceAmounts {
        let swapGiB = swapMiB > 0 ? (swapMiB + 1023) / 1024 : 0
        return ResourceAmounts(vcpus: vcpus, memoryMiB: memoryMiB, diskGiB: rootDiskGiB + ephemeralGiB + swapGiB)
    }
}
