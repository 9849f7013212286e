import Foundation
import StratusCore
import StratusHostProtocol

/// The control plane of a `stratus agent`: the host protocol over HTTPS with the
/// host's client certificate. The host's identity is the certificate's, so the
/// `hostID` arguments of the port are not sent: the controller knows who calls.
/// Reports from a pass's parallel steps go out together (`ReportBatcher`); the
/// desired state is watched, not polled (`DesiredGuestsWatch`).
public struct RemoteControlPlane: ControlPlane {
    let client: HostLinkClient
    private let watch: DesiredGuestsWatch
    private let reports: ReportBatcher
    let agentVersion: String

    public init(client: HostLinkClient, agentVersion: String, fullReadInterval: Duration = .seconds(60)) {
        self.client = client
        self.agentVersion = agentVersion
        watch = DesiredGuestsWatch(client: client, fullReadInterval: fullReadInterval)
        let watch = self.watch
        reports = ReportBatcher { batch in
            // Whatever the outcome, the controller's state for this host may have
            // moved (a task completed): the next pass reads it again.
            // Invalidated before any reporting step resumes, so no pass acts on the old copy.
            do {
                let answer = try await client.call(.POST, HostProtocol.Path.reports, body: batch, as: HostReportResults.self)
                await watch.invalidate()
                return answer
            } catch {
                await watch.invalidate()
                throw error
            }
        }
    }

    public func register(_ host: ComputeHost) async throws {
        _ = try await client.call(
            .POST, HostProtocol.Path.register, body: HostRegistration(host, agentVersion: agentVersion),
            as: RegistrationAccepted.self)
    }

    public func heartbeat(hostID: String, at instant: Date) async throws {
        _ = try await client.call(.POST, HostProtocol.Path.heartbeat, body: Heartbeat(sentAt: instant), as: HostLinkClient.Empty.self)
    }

    public func desiredGuests(hostID: String) async throws -> [HostGuest] {
        try await watch.current()
    }

    public func guestInterfaces(instanceID: String, hostID: String) async throws -> [GuestInterface] {
        try await client.call(.GET, HostProtocol.Path.interfaces(instanceId: instanceID), as: GuestInterfaces.self)
            .guestInterfaces()
    }

    public func completeTask(instanceID: String, task: TaskState, hostID: String) async throws {
        try await reports.submit(.taskCompleted(instanceId: instanceID, task: task.rawValue))
    }

    public func failTask(instanceID: String, task: TaskState, hostID: String, message: String) async throws {
        try await reports.submit(.taskFailed(instanceId: instanceID, task: task.rawValue, message: message))
    }

    public func uploadSnapshot(instanceID: String, hostID: String, chunks: ImageDataChunks) async throws {
        do {
            try await client.upload(HostProtocol.Path.snapshot(instanceId: instanceID), chunks: chunks)
        } catch {
            await watch.invalidate()
            throw error
        }
        await watch.invalidate()
    }

    public func observePower(instanceID: String, hostID: String, power: PowerState) async throws {
        try await reports.submit(.powerObserved(instanceId: instanceID, powerState: power.rawValue))
    }

    public func incomingMigrationReady(instanceID: String, hostID: String, uri: String) async throws {
        try await reports.submit(.incomingMigrationReady(instanceId: instanceID, uri: uri))
    }

    public func migrationTransferred(instanceID: String, hostID: String, console: ConsoleHistory) async throws {
        try await reports.submit(.migrationTransferred(instanceId: instanceID, console: console.text))
    }

    public func diskExported(instanceID: String, hostID: String, uri: String?) async throws {
        try await reports.submit(.diskExported(instanceId: instanceID, uri: uri))
    }

    public func liveMigrationFailed(instanceID: String, hostID: String, message: String) async throws {
        try await reports.submit(.liveMigrationFailed(instanceId: instanceID, message: message))
    }

    public func pendingVolumeWork(hostID: String) async throws -> [VolumeAttachment] {
        try await client.call(.GET, HostProtocol.Path.volumeWork, as: PendingVolumeWork.self).attachments
            .map { try $0.volumeAttachment() }
    }

    public func volumeAttached(_ attachment: VolumeAttachment, hostName: String) async throws {
        try await reports.submit(.volumeAttached(attachmentId: attachment.id))
    }

    public func volumeDetached(_ attachment: VolumeAttachment, hostName: String) async throws {
        try await reports.submit(.volumeDetached(attachmentId: attachment.id))
    }

    public func volumeChangeFailed(_ attachment: VolumeAttachment, hostName: String, message: String) async throws {
        try await reports.submit(.volumeChangeFailed(attachmentId: attachment.id, state: attachment.state.rawValue, message: message))
    }

    public func strayGuests(hostID: String, guests: [UnclaimedGuest]) async throws -> [String: StrayGuestVerdict] {
        let answer = try await client.call(.POST, HostProtocol.Path.strayGuests, body: StrayGuestsRequest(guests), as: StrayGuestVerdicts.self)
        // An adopted guest is a server of this host from now on.
        await watch.invalidate()
        return try answer.verdicts.mapValues { try StrayGuestVerdict(wireName: $0) }
    }

    /// The watch: returns at a change for this host, or after `timeout`. A failed
    /// watch (the controller unreachable) waits out the timeout instead, so a
    /// missing controller is retried at the agent's pace, not in a tight loop.
    public func waitForWork(hostID: String, timeout: Duration) async {
        let started = ContinuousClock.now
        do {
            try await watch.waitForChange(timeout: timeout)
        } catch {
            let left = timeout - (ContinuousClock.now - started)
            if left > .zero { try? await Task.sleep(for: left) }
        }
    }
}
