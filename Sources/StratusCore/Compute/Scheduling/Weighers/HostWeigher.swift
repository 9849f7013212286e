import Foundation

/// One preference among hosts that all passed the filters, as in Nova's weighers. Raw
/// weights are normalized to 0…1 across the candidates (`WeightNormalization`), then
/// scaled by the multiplier, and the sum over weighers ranks the hosts: higher wins.
/// Normalizing first is what lets a RAM figure in MiB and a member count sit in one sum.
public protocol HostWeigher: Sendable {
    /// Stable name for logs.
    var name: String { get }
    /// Nova's `minval`/`maxval`: raw weights are clamped to these, and they replace the
    /// candidates' own minimum/maximum in normalization. Nil: use the candidates'.
    var minimumWeight: Double? { get }
    var maximumWeight: Double? { get }
    func rawWeight(of host: ComputeHost, request: SchedulingRequest) -> Double
    /// Per host, so aggregate metadata can override the configured value.
    func multiplier(for host: ComputeHost) -> Double
}

extension HostWeigher {
    public var minimumWeight: Double? { nil }
    public var maximumWeight: Double? { nil }
}
