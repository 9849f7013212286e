import Foundation
import StratusAgent
import StratusCore

/// The control plane of agents running inside `stratus serve`: direct calls
/// into the compute use cases.
struct InProcessControlPlane: ControlPlane {
    let compute: ComputeService

    func register(_ host: ComputeHost) async throws {
        try await compute.registerHost(host)
    }

    func heartbeat(hostID: String, at instant: Date) async throws {
        try await compute.recordHeartbeat(hostID: hostID, at: instant)
    }
}
