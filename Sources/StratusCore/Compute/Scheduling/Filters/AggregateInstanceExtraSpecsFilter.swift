import Foundation

/// Only hosts whose aggregate metadata satisfies the flavor's extra specs, as Nova's
/// AggregateInstanceExtraSpecsFilter: each spec scoped `aggregate_instance_extra_specs:`
/// or not scoped at all names an aggregate metadata key that must be present, and one
/// of its comma-separated values must meet the requirement (`ExtraSpecMatcher`). Specs
/// in other scopes (`hw:`, `trust:`, `hw_rng:`, ...) belong to other consumers and are
/// skipped. This is how an operator reserves a pool (`ssd=true`) for certain flavors.
public struct AggregateInstanceExtraSpecsFilter: HostFilter {
    static let scope = "aggregate_instance_extra_specs"

    public init() {}

    public var name: String { "AggregateInstanceExtraSpecsFilter" }

    public func verdict(for host: ComputeHost, request: SchedulingRequest, now: Date) -> FilterVerdict {
        for (specKey, requirement) in request.flavor.extraSpecs.sorted(by: { $0.key < $1.key }) {
            guard let key = Self.aggregateKey(specKey) else { continue }
            guard let values = host.aggregateValues(for: key), !values.isEmpty else {
                return .reject("extra spec \(specKey) is not in the host's aggregates")
            }
            guard values.contains(where: { ExtraSpecMatcher.matches($0, requirement: requirement) }) else {
                return .reject("aggregate values \(values.sorted()) of \(key) do not match '\(requirement)'")
            }
        }
        return .pass
    }

    /// The metadata key a spec names, or nil when the spec belongs to another scope.
    /// Only the first colon separates the scope, as in Nova.
    static func aggregateKey(_ specKey: String) -> String? {
        guard let colon = specKey.firstIndex(of: ":") else { return specKey }
        guard specKey[..<colon] == scope else { return nil }
        return String(specKey[specKey.index(after: colon)...])
    }
}
