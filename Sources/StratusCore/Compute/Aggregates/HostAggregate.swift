import Foundation

/// A Nova host aggregate: a named set of hosts with metadata the scheduler reads
/// (`AggregateInstanceExtraSpecsFilter`, weigher multipliers) and, through its
/// `availability_zone` key, the zone its hosts are in. This is how an operator
/// builds a pool (trusted hosts, hardware RNG hosts, a tenant's dedicated hosts)
/// that flavors then aim at.
public struct HostAggregate: Sendable, Equatable {
    /// The metadata key that makes an aggregate an availability zone.
    public static let zoneKey = "availability_zone"

    /// Nova's integer id (the store assigns it); 0 before the aggregate is stored.
    public var id: Int
    public var uuid: String
    public var name: String
    /// Host names, in the order they joined.
    public var hosts: [String]
    public var metadata: [String: String]
    public var createdAt: Date
    public var updatedAt: Date?

    public init(
        id: Int = 0, uuid: String, name: String, hosts: [String] = [], metadata: [String: String] = [:],
        createdAt: Date, updatedAt: Date? = nil
    ) {
        self.id = id
        self.uuid = uuid
        self.name = name
        self.hosts = hosts
        self.metadata = metadata
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var availabilityZone: String? { metadata[Self.zoneKey] }
}
