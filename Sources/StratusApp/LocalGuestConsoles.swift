import Foundation
import StratusAgent
import StratusCore

/// The in-process hosts' drivers, by host id, answering console reads; any
/// other host's guests are read through `remote` (remote agents, over the host link).
/// Filled when the agents are made, after the compute service that reads it.
public final class LocalGuestConsoles: GuestConsoles, @unchecked Sendable {
    private let lock = NSLock()
    private var drivers: [String: any HypervisorDriver] = [:]
    private let remote: any GuestConsoles

    public init(remote: any GuestConsoles = NoGuestConsoles()) {
        self.remote = remote
    }

    public func add(hostID: String, driver: any HypervisorDriver) {
        lock.withLock { drivers[hostID] = driver }
    }

    public func consoleOutput(hostID: String, instanceID: String, lines: Int?) async throws -> String {
        guard let driver = lock.withLock({ drivers[hostID] }) else {
            return try await remote.consoleOutput(hostID: hostID, instanceID: instanceID, lines: lines)
        }
        do {
            return try await driver.consoleOutput(instanceID: instanceID, lines: lines)
        } catch let error as DriverError {
            throw ComputeError.conflict("Console output is not available: \(error.message)")
        }
    }
}
