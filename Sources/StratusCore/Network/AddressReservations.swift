import Foundation

/// Addresses this process proposed for ports whose commit may not have happened
/// yet. Concurrent creates read the same "next free address" from the store;
/// without this, all but one would collide on the store's unique index and plan
/// again. A reservation only has to outlive its commit, after which the store
/// itself shows the address taken: the planner releases it once the commit is
/// over, and one a crashed request never released expires. Other controller
/// replicas still meet at the unique index, which remains the guarantee.
public actor AddressReservations {
    public static let lifetime: TimeInterval = 30

    private var held: [String: [UInt32: Date]] = [:]

    public init() {}

    /// How many addresses of `subnetID` are held now (to ask the store for enough).
    public func count(subnetID: String, now: Date) -> Int {
        prune(subnetID, now)
        return held[subnetID]?.count ?? 0
    }

    /// Holds and returns the first candidate not already held.
    public func reserve(subnetID: String, candidates: [UInt32], now: Date) -> UInt32? {
        prune(subnetID, now)
        guard let free = candidates.first(where: { held[subnetID]?[$0] == nil }) else { return nil }
        held[subnetID, default: [:]][free] = now.addingTimeInterval(Self.lifetime)
        return free
    }

    public func release(_ addresses: [String: Set<UInt32>]) {
        for (subnetID, taken) in addresses {
            for address in taken { held[subnetID]?[address] = nil }
            if held[subnetID]?.isEmpty == true { held[subnetID] = nil }
        }
    }

    private func prune(_ subnetID: String, _ now: Date) {
        guard let entries = held[subnetID] else { return }
        let live = entries.filter { $0.value > now }
        held[subnetID] = live.isEmpty ? nil : live
    }
}
