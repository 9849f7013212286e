import Foundation

/// Counts failed logins per (user as presented, source address) so brute force
/// is visible. Bounded: the oldest keys are forgotten first.
public actor LoginFailureLog {
    public struct Key: Hashable, Sendable {
        public var user: String
        public var source: String
        public init(user: String, source: String) {
            self.user = user
            self.source = source
        }
    }

    private var counts: [Key: Int] = [:]
    private var order: [Key] = []
    private let capacity: Int

    public init(capacity: Int = 10_000) {
        self.capacity = max(1, capacity)
    }

    /// Records one failure and returns how many this key has had in a row.
    public func recordFailure(_ key: Key) -> Int {
        if counts[key] == nil {
            order.append(key)
            if order.count > capacity {
                counts[order.removeFirst()] = nil
            }
        }
        let count = (counts[key] ?? 0) + 1
        counts[key] = count
        return count
    }

    public func recordSuccess(_ key: Key) {
        guard counts.removeValue(forKey: key) != nil else { return }
        order.removeAll { $0 == key }
    }

    public func failures(_ key: Key) -> Int { counts[key] ?? 0 }
}
