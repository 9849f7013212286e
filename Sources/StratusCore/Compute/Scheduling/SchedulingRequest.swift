import Foundation

/// Everything the scheduler needs to place one create request: what to run, the
/// caller's constraints, and how many identical instances.
public struct SchedulingRequest: Sendable, Equatable {
    public var flavor: Flavor
    /// The image's properties (`hw_architecture`, `img_hv_type`, ...), as Glance lists them.
    public var imageProperties: [String: String]
    /// Nil or empty: any zone.
    public var availabilityZone: String?
    /// An admin's forced host name (`--availability-zone az:host`, `--host`). It narrows
    /// the candidates to that host; the filters still run, because capacity and liveness
    /// hold for admins too.
    public var requestedHost: String?
    public var serverGroup: ServerGroupPlacement?
    /// `same_host` / `different_host`, resolved to hosts (first placements only).
    public var hostAffinity = HostAffinity()
    /// Set by the use case from the security profile (hosts must be attested).
    public var requiresTrustedHost: Bool
    /// Set by the use case from the security profile (guest entropy from a hardware RNG).
    public var requiresHardwareRNG: Bool
    /// Instances of this one request (`min_count`..`max_count` after quota); placed all
    /// or none.
    public var instanceCount: Int

    public init(
        flavor: Flavor, imageProperties: [String: String] = [:], availabilityZone: String? = nil,
        requestedHost: String? = nil, serverGroup: ServerGroupPlacement? = nil, requiresTrustedHost: Bool = false,
        requiresHardwareRNG: Bool = false, instanceCount: Int = 1
    ) {
        self.flavor = flavor
        self.imageProperties = imageProperties
        self.availabilityZone = availabilityZone
        self.requestedHost = requestedHost
        self.serverGroup = serverGroup
        self.requiresTrustedHost = requiresTrustedHost
        self.requiresHardwareRNG = requiresHardwareRNG
        self.instanceCount = instanceCount
    }

    /// One instance's request: the security profile's requirements read from its
    /// flavor (`trust:trusted_host=trusted`, `trait:HW_RNG=required`), the same for a
    /// first placement and for every later move.
    public init(
        placing instance: Instance, imageProperties: [String: String], availabilityZone: String?,
        requestedHost: String? = nil, serverGroup: ServerGroupPlacement?
    ) {
        self.init(
            flavor: instance.flavor, imageProperties: imageProperties, availabilityZone: availabilityZone,
            requestedHost: requestedHost, serverGroup: serverGroup,
            requiresTrustedHost: instance.flavor.extraSpecs["trust:trusted_host"] == "trusted",
            requiresHardwareRNG: instance.flavor.extraSpecs["trait:HW_RNG"] == "required")
    }
}
