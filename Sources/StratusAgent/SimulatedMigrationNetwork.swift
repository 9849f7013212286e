import Foundation

/// The network simulated hosts migrate guests over: a destination's waiting
/// guest is found by the address it listens at, as a real one would be dialled.
/// A destination that is gone is a refused connection, so failures are real.
public actor SimulatedMigrationNetwork {
    /// The network of every simulated host in this process.
    public static let shared = SimulatedMigrationNetwork()

    private var listeners: [String: SimulatedDriver] = [:]

    public init() {}

    func listen(_ uri: String, _ driver: SimulatedDriver) { listeners[uri] = driver }
    func close(_ uri: String) { listeners[uri] = nil }
    func listener(_ uri: String) -> SimulatedDriver? { listeners[uri] }
}
