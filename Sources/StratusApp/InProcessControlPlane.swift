import Foundation
import Logging
import StratusAgent
import StratusCore

/// The control plane of agents running inside `stratus serve`: direct calls
/// into the compute use cases.
public struct InProcessControlPlane: ControlPlane {
    let compute: ComputeService
    let volumes: VolumeService
    /// `--stray-guests`: what becomes of guests whose server this database never had.
    let strayGuestPolicy: StrayGuestPolicy
    /// Where every stray-guest decision is written (host, instance, policy, why).
    let logger: Logger

    public init(
        compute: ComputeService, volumes: VolumeService, strayGuests: StrayGuestPolicy = .adopt,
        logger: Logger = Logger(label: "stratus", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.compute = compute
        self.volumes = volumes
        self.strayGuestPolicy = strayGuests
        self.logger = logger
    }

    public func register(_ host: ComputeHost) async throws {
        try await compute.registerHost(host)
    }

    public func heartbeat(hostID: String, at instant: Date) async throws {
        try await compute.recordHeartbeat(hostID: hostID, at: instant)
    }

    public func desiredGuests(hostID: String) async throws -> [HostGuest] {
        try await compute.desiredGuests(hostID: hostID)
    }

    public func guestInterfaces(instanceID: String, hostID: String) async throws -> [GuestInterface] {
        try await compute.guestInterfaces(instanceID: instanceID, hostID: hostID)
    }

    public func completeTask(instanceID: String, task: TaskState, hostID: String) async throws {
        try await compute.completeTask(instanceID: instanceID, task: task, hostID: hostID)
    }

    public func failTask(instanceID: String, task: TaskState, hostID: String, message: String) async throws {
        try await compute.failTask(instanceID: instanceID, task: task, hostID: hostID, message: message)
    }

    public func uploadSnapshot(instanceID: String, hostID: String, chunks: ImageDataChunks) async throws {
        try await compute.receiveSnapshot(instanceID: instanceID, hostID: hostID, chunks: chunks)
    }

    public func observePower(instanceID: String, hostID: String, power: PowerState) async throws {
        try await compute.observePower(instanceID: instanceID, hostID: hostID, power: power)
    }

    public func incomingMigrationReady(instanceID: String, hostID: String, uri: String) async throws {
        try await compute.incomingMigrationReady(instanceID: instanceID, hostID: hostID, uri: uri)
    }

    public func migrationTransferred(instanceID: String, hostID: String, console: ConsoleHistory) async throws {
        try await compute.migrationTransferred(instanceID: instanceID, hostID: hostID, console: console)
    }

    public func diskExported(instanceID: String, hostID: String, uri: String?) async throws {
        try await compute.diskExported(instanceID: instanceID, hostID: hostID, uri: uri)
    }

    public func liveMigrationFailed(instanceID: String, hostID: String, message: String) async throws {
        try await compute.liveMigrationFailed(instanceID: instanceID, hostID: hostID, message: message)
    }

    public func pendingVolumeWork(hostID: String) async throws -> [VolumeAttachment] {
        try await volumes.pendingVolumeWork(hostID: hostID)
    }

    public func volumeAttached(_ attachment: VolumeAttachment, hostName: String) async throws {
        try await volumes.volumeAttached(attachment, hostName: hostName)
    }

    public func volumeDetached(_ attachment: VolumeAttachment, hostName: String) async throws {
        try await volumes.volumeDetached(attachment, hostName: hostName)
    }

    public func volumeChangeFailed(_ attachment: VolumeAttachment, hostName: String, message: String) async throws {
        try await volumes.volumeChangeFailed(attachment, hostName: hostName, message: message)
    }

    public func strayGuests(hostID: String, guests: [UnclaimedGuest]) async throws -> [String: StrayGuestVerdict] {
        let decisions = try await compute.resolveStrayGuests(hostID: hostID, guests: guests, policy: strayGuestPolicy)
        for decision in decisions {
            let metadata: Logger.Metadata = [
                "host": .string(hostID), "instance": .string(decision.instanceID),
                "policy": .string(decision.policy?.rawValue ?? "cleanup"), "kind": .string(decision.kind.rawValue),
                "verdict": .string("\(decision.verdict)"), "reason": .string(decision.reason),
            ]
            // A server this cloud never had is news to the operator (one left running, a
            // warning at every pass); a leftover's cleanup is routine.
            let level: Logger.Level = switch (decision.kind, decision.verdict) {
            case (.unknown, .keep): .warning
            case (.unknown, _): .notice
            default: .info
            }
            logger.log(
                level: level,
                "stray guest \(decision.instanceID) on \(hostID): \(decision.verdict) (policy \(decision.policy?.rawValue ?? "cleanup")): \(decision.reason)",
                metadata: metadata)
        }
        return Dictionary(decisions.map { ($0.instanceID, $0.verdict) }) { first, _ in first }
    }

    public func waitForWork(hostID: String, timeout: Duration) async {
        _ = await compute.wakeups.host(hostID).wait(timeout: timeout)
    }
}
