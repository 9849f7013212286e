import Foundation

/// Keystone's `lockout_failure_attempts` / `lockout_duration`: after so many
/// failed logins in a row an account refuses even its right password until the
/// duration has passed since the last failure (or an administrator resets the
/// password or re-enables the user). Off when `failureAttempts` is 0.
public struct LoginLockout: Sendable, Equatable {
    public var failureAttempts: Int
    public var duration: TimeInterval

    public init(failureAttempts: Int, duration: TimeInterval) {
        self.failureAttempts = max(0, failureAttempts)
        self.duration = max(0, duration)
    }

    public static let off = LoginLockout(failureAttempts: 0, duration: 0)
    /// The private-cloud profile's: Keystone's documented example values.
    public static let privateCloud = LoginLockout(failureAttempts: 6, duration: 1800)

    public var isEnabled: Bool { failureAttempts > 0 }

    public func isLocked(_ failures: FailedLogins, now: Date) -> Bool {
        guard isEnabled, failures.count >= failureAttempts, let last = failures.lastAt else { return false }
        return now < last.addingTimeInterval(duration)
    }

    /// Failures older than this no longer count towards a lockout.
    public func windowStart(now: Date) -> Date { now.addingTimeInterval(-duration) }
}

/// A user's run of failed logins, kept with the user so every controller sees it.
public struct FailedLogins: Sendable, Equatable {
    public var count: Int
    public var lastAt: Date?

    public init(count: Int = 0, lastAt: Date? = nil) {
        self.count = count
        self.lastAt = lastAt
    }

    public static let none = FailedLogins()
}
