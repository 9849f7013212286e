import Foundation

/// The time source of the core. Injected so tests can move time (token expiry).
public protocol WallClock: Sendable {
    func now() -> Date
}

public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}
