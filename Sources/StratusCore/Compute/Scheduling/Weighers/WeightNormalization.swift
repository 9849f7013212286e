import Foundation

/// Nova's `nova.weights.normalize`: maps weights onto 0…1 between a minimum and maximum
/// (the list's own unless given). All equal — nothing to prefer — is all zero.
public enum WeightNormalization {
    public static func normalize(_ weights: [Double], minimum: Double? = nil, maximum: Double? = nil) -> [Double] {
        guard let low = minimum ?? weights.min(), let high = maximum ?? weights.max() else { return [] }
        guard low != high else { return weights.map { _ in 0 } }
        return weights.map { ($0 - low) / (high - low) }
    }
}

/// A host with its total weight.
public struct WeighedHost: Sendable, Equatable {
    public var host: ComputeHost
    public var weight: Double

    public init(host: ComputeHost, weight: Double) {
        self.host = host
        self.weight = weight
    }
}

/// Ranks candidates by the weighers' sum, as Nova's weight handler does: per weigher,
/// raw weights clamped to its bounds, normalized across candidates, times the host's
/// multiplier. A single candidate is not weighed at all (weight 0), as in Nova. Ties
/// keep the candidates' order, so the ranking is deterministic.
public enum HostWeighing {
    public static func rank(
        _ hosts: [ComputeHost], request: SchedulingRequest, weighers: [any HostWeigher]
    ) -> [WeighedHost] {
        order(hosts, request: request, weighers: weighers).map { WeighedHost(host: hosts[$0.offset], weight: $0.weight) }
    }

    /// The ranking as positions in `hosts`, best first.
    static func order(
        _ hosts: [ComputeHost], request: SchedulingRequest, weighers: [any HostWeigher]
    ) -> [(offset: Int, weight: Double)] {
        var totals = [Double](repeating: 0, count: hosts.count)
        if hosts.count > 1 {
            for weigher in weighers {
                let raw = hosts.map { host in
                    var weight = weigher.rawWeight(of: host, request: request)
                    if let low = weigher.minimumWeight { weight = max(weight, low) }
                    if let high = weigher.maximumWeight { weight = min(weight, high) }
                    return weight
                }
                let normalized = WeightNormalization.normalize(
                    raw, minimum: weigher.minimumWeight, maximum: weigher.maximumWeight)
                for index in hosts.indices {
                    let score = weigher.multiplier(for: hosts[index]) * normalized[index]
                    // A NaN or infinite score (a bad multiplier) would make the order
                    // meaningless; such a weigher abstains for that host instead.
                    if score.isFinite { totals[index] += score }
                }
            }
        }
        return hosts.indices
            .sorted { totals[$0] != totals[$1] ? totals[$0] > totals[$1] : $0 < $1 }
            .map { (offset: $0, weight: totals[$0]) }
    }
}
