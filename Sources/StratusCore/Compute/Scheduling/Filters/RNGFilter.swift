import Foundation

/// Only hosts with a hardware RNG when guest entropy must come from one: the request
/// requires it (the strict profile: every flavor), or the flavor turns the guest RNG on
/// with `hw_rng:allowed` set to a true value (oslo's spellings: true, yes, 1, on, y, t).
/// An absent spec does not require one, although Nova treats an absent
/// `hw_rng:allowed` as allowed: Nova backs guest RNGs with the kernel pool and has no
/// such filter, so reading absence as "required" would empty the pool of hosts for every
/// flavor never written with Stratus in mind.
public struct RNGFilter: HostFilter {
    static let extraSpec = "hw_rng:allowed"

    public init() {}

    public var name: String { "RNGFilter" }

    public func verdict(for host: ComputeHost, request: SchedulingRequest, now: Date) -> FilterVerdict {
        let flavorWants = request.flavor.extraSpecs[Self.extraSpec].map(Self.isTrue) ?? false
        guard request.requiresHardwareRNG || flavorWants else { return .pass }
        return host.traits.hasHardwareRNG ? .pass : .reject("hardware RNG required; host has none")
    }

    /// oslo_utils.strutils.bool_from_string, not strict: anything unrecognised is false.
    static func isTrue(_ text: String) -> Bool {
        ["1", "t", "true", "on", "y", "yes"].contains(text.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
