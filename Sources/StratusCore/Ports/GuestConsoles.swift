import Foundation

/// Controller → host reads that cannot wait for a reconcile pass: the guest's
/// console. In one process the agents' drivers answer directly; a remote agent
/// takes the request by long poll over the host link and posts the answer.
public protocol GuestConsoles: Sendable {
    /// The tail of the guest's serial console; `lines` nil means all kept.
    func consoleOutput(hostID: String, instanceID: String, lines: Int?) async throws -> String
}

/// No host answers: console output is unavailable (Nova's 409 for a host that
/// cannot be reached).
public struct NoGuestConsoles: GuestConsoles {
    public init() {}
    public func consoleOutput(hostID: String, instanceID: String, lines: Int?) async throws -> String {
        throw ComputeError.conflict("Console output is not available: host \(hostID) is not reachable.")
    }
}
