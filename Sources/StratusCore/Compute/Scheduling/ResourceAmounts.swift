import Foundation

/// An amount of each resource the scheduler places — placement's VCPU, MEMORY_MB and
/// DISK_GB classes. The same type carries a host's capacity, its reservation, its usage
/// and what one instance asks for, so the filter, the weighers and the claim all do the
/// same arithmetic.
public struct ResourceAmounts: Sendable, Hashable, CustomStringConvertible {
    public var vcpus: Int
    public var memoryMiB: Int
    public var diskGiB: Int

    public init(vcpus: Int = 0, memoryMiB: Int = 0, diskGiB: Int = 0) {
        self.vcpus = vcpus
        self.memoryMiB = memoryMiB
        self.diskGiB = diskGiB
    }

    public static let zero = ResourceAmounts()

    /// No component is negative: a negative request would free resources it never held.
    public var isNonNegative: Bool { vcpus >= 0 && memoryMiB >= 0 && diskGiB >= 0 }

    public static func + (lhs: ResourceAmounts, rhs: ResourceAmounts) -> ResourceAmounts {
        ResourceAmounts(
            vcpus: lhs.vcpus + rhs.vcpus, memoryMiB: lhs.memoryMiB + rhs.memoryMiB, diskGiB: lhs.diskGiB + rhs.diskGiB)
    }

    public static func - (lhs: ResourceAmounts, rhs: ResourceAmounts) -> ResourceAmounts {
        ResourceAmounts(
            vcpus: lhs.vcpus - rhs.vcpus, memoryMiB: lhs.memoryMiB - rhs.memoryMiB, diskGiB: lhs.diskGiB - rhs.diskGiB)
    }

    /// `count` instances of the same size.
    public static func * (lhs: ResourceAmounts, count: Int) -> ResourceAmounts {
        ResourceAmounts(vcpus: lhs.vcpus * count, memoryMiB: lhs.memoryMiB * count, diskGiB: lhs.diskGiB * count)
    }

    public static func += (lhs: inout ResourceAmounts, rhs: ResourceAmounts) { lhs = lhs + rhs }
    public static func -= (lhs: inout ResourceAmounts, rhs: ResourceAmounts) { lhs = lhs - rhs }

    public var description: String { "\(vcpus) vCPU, \(memoryMiB) MiB RAM, \(diskGiB) GiB disk" }
}
