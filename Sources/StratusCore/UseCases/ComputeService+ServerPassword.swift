import Foundation

extension ComputeService {
    /// The server whose password is asked for (the password itself is the metadata
    /// service's, which has none yet).
    public func serverPassword(_ caller: Caller, id: String) async throws -> Instance {
        let instance = try await visibleInstance(caller, id: id)
        try authorize(.showServerPassword, caller, target: ["project_id": instance.projectID])
        return instance
    }

    public func clearServerPassword(_ caller: Caller, id: String) async throws {
        let instance = try await visibleInstance(caller, id: id)
        try authorize(.clearServerPassword, caller, target: ["project_id": instance.projectID])
    }
}
