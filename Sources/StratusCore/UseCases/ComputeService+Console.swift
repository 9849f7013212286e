import Foundation

extension ComputeService {
    /// `os-getConsoleOutput`: the guest's console read from its host, cut to its
    /// last `lines` as Nova cuts it. Not lock-guarded (reading changes nothing), but a
    /// server with no guest yet has no console.
    public func consoleOutput(_ caller: Caller, id: String, lines: Int?) async throws -> String {
        let instance = try await visibleInstance(caller, id: id)
        try authorize(.consoleOutput, caller, target: ["project_id": instance.projectID])
        if let lines, lines < -1 {
            throw ComputeError.badRequest("Invalid input for field/attribute length. Value: \(lines). \(lines) is less than the minimum of -1")
        }
        try requireState(.getConsoleOutput, instance)
        guard let host = instance.hostID, instance.state.hasLaunched else {
            throw ComputeError.conflict("Instance \(id) has not been created yet")
        }
        let log = try await consoles.consoleOutput(hostID: host, instanceID: id, lines: nil)
        return Self.tail(log, lines: lines.flatMap { $0 < 0 ? nil : $0 })
    }

    /// Nova's `_tail_log`: the last `lines` pieces of the log split at newlines, so a
    /// log that ends with a newline gives `lines - 1` lines and that newline (what
    /// tempest counts); 0 is nothing, nil all of it. Done here, not by each driver,
    /// so every hypervisor answers alike.
    static func tail(_ log: String, lines: Int?) -> String {
        guard let lines else { return log }
        guard lines > 0 else { return "" }
        let pieces = log.split(separator: "\n", omittingEmptySubsequences: false)
        return pieces.suffix(lines).joined(separator: "\n")
    }
}
