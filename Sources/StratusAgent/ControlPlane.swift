import Foundation
import StratusCore

/// What an agent needs from the controllers. In one process (`stratus serve
/// --hosts N`) it is the compute use cases themselves; a remote `stratus
/// agent` will reach the same calls over HTTPS.
public protocol ControlPlane: Sendable {
    /// Registers the host, or updates what it offers.
    func register(_ host: ComputeHost) async throws
    /// Proves the host is alive; a host silent for `service_down_time` is
    /// shown down and skipped by the scheduler.
    func heartbeat(hostID: String, at: Date) async throws
    /// The host's desired state: its live servers, as a host is told of them
    /// (and those it is the other end of a move for).
    func desiredGuests(hostID: String) async throws -> [HostGuest]
    /// The server's ports as the host plugs them in (Nova's network_info), in the
    /// server's interface order; only for a server of this host.
    func guestInterfaces(instanceID: String, hostID: String) async throws -> [GuestInterface]
    func completeTask(instanceID: String, task: TaskState, hostID: String) async throws
    func failTask(instanceID: String, task: TaskState, hostID: String, message: String) async throws
    /// The guest's disk for the server's running snapshot task.
    func uploadSnapshot(instanceID: String, hostID: String, chunks: ImageDataChunks) async throws
    func observePower(instanceID: String, hostID: String, power: PowerState) async throws
    /// Live migration: the destination listens at `uri`.
    func incomingMigrationReady(instanceID: String, hostID: String, uri: String) async throws
    /// Live migration: the source's hypervisor finished sending the guest; `console`
    /// is what its console showed here, for the destination to continue (hosts share
    /// no files, and the hypervisor's stream does not carry the console).
    func migrationTransferred(instanceID: String, hostID: String, console: ConsoleHistory) async throws
    /// Cold migration or resize: the source serves the original's disk at `uri` (nil: it has none).
    func diskExported(instanceID: String, hostID: String, uri: String?) async throws
    /// Live migration: this end could not go on; the server stays on its source.
    func liveMigrationFailed(instanceID: String, hostID: String, message: String) async throws
    /// Attachments on this host's servers waiting for the agent (attaching or detaching).
    func pendingVolumeWork(hostID: String) async throws -> [VolumeAttachment]
    /// The guest sees the volume (`attaching` done).
    func volumeAttached(_ attachment: VolumeAttachment, hostName: String) async throws
    /// The guest let the volume go (`detaching` done).
    func volumeDetached(_ attachment: VolumeAttachment, hostName: String) async throws
    /// The driver could not attach or detach; the reason goes on the instance action.
    func volumeChangeFailed(_ attachment: VolumeAttachment, hostName: String, message: String) async throws
    /// Guests on this host that none of its live instances claims, each with what the
    /// host keeps about it: the control plane's verdict per guest, by instance id. A
    /// leftover of a server it knows (deleted, moved, a failed build) is `destroy`; one
    /// whose id it has never seen (a restore older than the host) is the operator's
    /// `StrayGuestPolicy`'s to decide. A guest missing from the answer is left alone.
    func strayGuests(hostID: String, guests: [UnclaimedGuest]) async throws -> [String: StrayGuestVerdict]
    /// Returns when there may be new work for the host, or after `timeout`.
    func waitForWork(hostID: String, timeout: Duration) async
}
