import Foundation

extension ComputeHost {
    /// The values aggregates give `key` on this host: split on commas and trimmed, as
    /// Nova's `aggregate_metadata_get_by_host` reads them. Nil when no aggregate sets it.
    public func aggregateValues(for key: String) -> Set<String>? {
        guard let raw = aggregateMetadata[key] else { return nil }
        return Set(raw.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        })
    }

    /// A weigher's multiplier as overridden by aggregate metadata (`ram_weight_multiplier`,
    /// ...): the smallest of the values, as Nova takes the minimum over aggregates; the
    /// configured multiplier when none is set or any value is not a finite number (Nova
    /// falls back the same way on a value it cannot read).
    func weightMultiplier(key: String, configured: Double) -> Double {
        guard let values = aggregateValues(for: key), !values.isEmpty else { return configured }
        var smallest = Double.infinity
        for text in values {
            guard let value = Double(text), value.isFinite else { return configured }
            smallest = min(smallest, value)
        }
        return smallest
    }
}
