import Foundation

extension ComputeService {
    /// `os-getConsoleOutput`: the last `lines` lines of the guest's console,
    /// read from its host. Not lock-guarded (reading changes nothing), but a
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
        return try await consoles.consoleOutput(
            hostID: host, instanceID: id, lines: lines.flatMap { $0 < 0 ? nil : $0 })
    }
}
