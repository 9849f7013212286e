import Foundation

/// How far a host's physical resources may be oversubscribed. A host offers
/// `(capacity − reserved) × ratio` of each resource, as placement computes it.
///
/// The defaults are Nova's long-standing ones (cpu 16.0, ram 1.5, disk 1.0): vCPUs are
/// time-shared cheaply, memory a little (guests rarely touch all of it), disk not at
/// all, since a full disk corrupts guests. They are per host so an operator can run a
/// dedicated pool at 1.0.
public struct AllocationRatios: Sendable, Hashable {
    public var cpu: Double
    public var ram: Double
    public var disk: Double

    public init(cpu: Double = 16.0, ram: Double = 1.5, disk: Double = 1.0) {
        self.cpu = cpu
        self.ram = ram
        self.disk = disk
    }

    public static let `default` = AllocationRatios()
}
