import Foundation

/// A token bucket per source address for password logins: each source may send
/// `burst` at once and `perSecond` after that; the rest are refused with the
/// seconds to wait (429 and `Retry-After`), before any password is hashed.
/// Bounded: past `capacity` sources the one idle longest is forgotten (a full
/// bucket, which is what it would have by now anyway).
public actor TokenRequestLimiter {
    public struct Rate: Sendable, Equatable {
        public var burst: Int
        public var perSecond: Double
        public init(burst: Int, perSecond: Double) {
            self.burst = max(1, burst)
            self.perSecond = max(0.001, perSecond)
        }
        /// Generous enough for tempest's dynamic credentials from one address,
        /// tight enough that guessing costs little CPU.
        public static let standard = Rate(burst: 60, perSecond: 10)
    }

    public enum Admission: Sendable, Equatable {
        case admitted
        case refused(retryAfter: Int)
    }

    private struct Bucket {
        var tokens: Double
        var updatedAt: Date
    }

    private let rate: Rate?
    private let capacity: Int
    private var buckets: [String: Bucket] = [:]

    /// `nil` admits everything.
    public init(rate: Rate?, capacity: Int = 10_000) {
        self.rate = rate
        self.capacity = max(1, capacity)
    }

    public func admit(source: String, now: Date) -> Admission {
        guard let rate else { return .admitted }
        var bucket = buckets[source] ?? Bucket(tokens: Double(rate.burst), updatedAt: now)
        let elapsed = max(0, now.timeIntervalSince(bucket.updatedAt))
        bucket.tokens = min(Double(rate.burst), bucket.tokens + elapsed * rate.perSecond)
        bucket.updatedAt = now
        defer { store(bucket, for: source) }
        guard bucket.tokens >= 1 else {
            let wait = (1 - bucket.tokens) / rate.perSecond
            return .refused(retryAfter: max(1, Int(min(wait.rounded(.up), 3600))))
        }
        bucket.tokens -= 1
        return .admitted
    }

    private func store(_ bucket: Bucket, for source: String) {
        if buckets[source] == nil, buckets.count >= capacity,
           let idlest = buckets.min(by: { $0.value.updatedAt < $1.value.updatedAt })?.key {
            buckets[idlest] = nil
        }
        buckets[source] = bucket
    }
}
