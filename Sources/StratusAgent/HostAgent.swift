import Foundation
import StratusCore

/// The agent of one host: registers it, then heartbeats until cancelled.
/// (Converging guests to the desired state joins this loop with servers.)
public struct HostAgent: Sendable {
    public let host: ComputeHost
    public let driver: any HypervisorDriver
    public let controlPlane: any ControlPlane
    public let heartbeatInterval: Duration

    public init(host: ComputeHost, driver: any HypervisorDriver, controlPlane: any ControlPlane,
                heartbeatInterval: Duration = .seconds(10)) {
        self.host = host
        self.driver = driver
        self.controlPlane = controlPlane
        self.heartbeatInterval = heartbeatInterval
    }

    /// Runs until the task is cancelled. A failed heartbeat is retried at the
    /// next tick: missing a few only marks the host down, it loses nothing.
    public func run(onError: @Sendable (any Error) -> Void = { _ in }) async {
        var registered = false
        while !Task.isCancelled {
            do {
                if !registered {
                    var current = host
                    current.lastHeartbeat = Date()
                    try await controlPlane.register(current)
                    registered = true
                } else {
                    try await controlPlane.heartbeat(hostID: host.id, at: Date())
                }
            } catch {
                onError(error)
            }
            try? await Task.sleep(for: heartbeatInterval)
        }
    }
}
