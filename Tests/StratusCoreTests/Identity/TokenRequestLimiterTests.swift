import Foundation
import StratusCore
import Testing

@Suite struct TokenRequestLimiterTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func burstThenRateThenRetryAfter() async {
        let limiter = TokenRequestLimiter(rate: .init(burst: 2, perSecond: 0.25))
        #expect(await limiter.admit(source: "a", now: Self.start) == .admitted)
        #expect(await limiter.admit(source: "a", now: Self.start) == .admitted)
        #expect(await limiter.admit(source: "a", now: Self.start) == .refused(retryAfter: 4))
        #expect(await limiter.admit(source: "a", now: Self.start.addingTimeInterval(3)) == .refused(retryAfter: 1))
        #expect(await limiter.admit(source: "a", now: Self.start.addingTimeInterval(4)) == .admitted)
        #expect(await limiter.admit(source: "b", now: Self.start) == .admitted)
    }

    @Test func unlimitedWithoutARate() async {
        let limiter = TokenRequestLimiter(rate: nil)
        for _ in 0..<100 { #expect(await limiter.admit(source: "a", now: Self.start) == .admitted) }
    }

    @Test func boundedMemoryForgetsTheIdlestSource() async {
        let limiter = TokenRequestLimiter(rate: .init(burst: 1, perSecond: 0.001), capacity: 2)
        #expect(await limiter.admit(source: "a", now: Self.start) == .admitted)
        #expect(await limiter.admit(source: "b", now: Self.start.addingTimeInterval(1)) == .admitted)
        #expect(await limiter.admit(source: "c", now: Self.start.addingTimeInterval(2)) == .admitted)
        // "a" was forgotten (a full bucket again); "c" is still remembered.
        #expect(await limiter.admit(source: "a", now: Self.start.addingTimeInterval(3)) == .admitted)
        #expect(await limiter.admit(source: "c", now: Self.start.addingTimeInterval(3)) != .admitted)
    }

    @Test func clockGoingBackwardsGivesNothingAway() async {
        let limiter = TokenRequestLimiter(rate: .init(burst: 1, perSecond: 1))
        #expect(await limiter.admit(source: "a", now: Self.start) == .admitted)
        #expect(await limiter.admit(source: "a", now: Self.start.addingTimeInterval(-100)) != .admitted)
    }
}

@Suite struct LoginLockoutTests {
    @Test func lockedOnlyAtTheThresholdAndWithinTheDuration() {
        let lockout = LoginLockout(failureAttempts: 3, duration: 60)
        let last = Date(timeIntervalSince1970: 1000)
        #expect(!lockout.isLocked(FailedLogins(count: 2, lastAt: last), now: last))
        #expect(lockout.isLocked(FailedLogins(count: 3, lastAt: last), now: last.addingTimeInterval(59)))
        #expect(!lockout.isLocked(FailedLogins(count: 3, lastAt: last), now: last.addingTimeInterval(60)))
        #expect(!LoginLockout.off.isLocked(FailedLogins(count: 99, lastAt: last), now: last))
    }
}
