import Foundation

/// Where one instance of a request goes: the chosen host first, then alternates to try,
/// in order, if the claim on the chosen host is refused (another replica was faster) or
/// the build fails there. Alternates exclude hosts chosen for the request's other
/// instances, as Nova's do: their room is already spoken for, and for anti-affinity
/// they would break the policy.
public struct HostSelection: Sendable, Equatable {
    /// Position of the instance within the request, from 0.
    public var instanceIndex: Int
    public var hostID: String
    public var alternateHostIDs: [String]
    /// What the instance claims; the same on every candidate.
    public var amounts: ResourceAmounts
    /// The chosen host's total weight (for logs).
    public var weight: Double
    /// Hosts the filters turned away for this instance (for logs).
    public var rejections: [HostRejection]

    public init(
        instanceIndex: Int, hostID: String, alternateHostIDs: [String], amounts: ResourceAmounts, weight: Double,
        rejections: [HostRejection]
    ) {
        self.instanceIndex = instanceIndex
        self.hostID = hostID
        self.alternateHostIDs = alternateHostIDs
        self.amounts = amounts
        self.weight = weight
        self.rejections = rejections
    }

    /// The chosen host, then the alternates.
    public var candidateHostIDs: [String] { [hostID] + alternateHostIDs }

    /// The claim to apply for `instanceID` on the chosen host.
    public func claim(for instanceID: String) -> ResourceClaim {
        ResourceClaim(hostID: hostID, instanceID: instanceID, amounts: amounts)
    }
}
