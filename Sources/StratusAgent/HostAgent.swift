import Foundation
import StratusCore

/// The agent of one host: a level-triggered reconciler. Each pass reads the
/// host's desired state and the hypervisor's observed state, takes the step
/// the core decides for each instance (`HostStep`), and reports; guests no
/// instance claims get the control plane's verdict (`+Strays`). A pass is
/// idempotent, so a crash at any point is repaired by the next one. Heartbeats
/// go out between passes.
public struct HostAgent: Sendable {
    public let host: ComputeHost
    public let driver: any HypervisorDriver
    public let controlPlane: any ControlPlane
    public let heartbeatInterval: Duration
    /// The longest a pass waits for a wakeup before looking anyway.
    public let resyncInterval: Duration

    public init(
        host: ComputeHost, driver: any HypervisorDriver, controlPlane: any ControlPlane,
        heartbeatInterval: Duration = .seconds(10), resyncInterval: Duration = .seconds(2)
    ) {
        self.host = host
        self.driver = driver
        self.controlPlane = controlPlane
        self.heartbeatInterval = heartbeatInterval
        self.resyncInterval = resyncInterval
    }

    /// Runs until the task is cancelled. Failures are reported and retried on
    /// the next pass: missing a few heartbeats only marks the host down.
    public func run(onError: @escaping @Sendable (any Error) -> Void = { _ in }) async {
        var registered = false
        var lastHeartbeat = ContinuousClock.now
        while !Task.isCancelled {
            do {
                if !registered {
                    var current = host
                    current.lastHeartbeat = Date()
                    try await controlPlane.register(current)
                    registered = true
                    lastHeartbeat = .now
                } else if ContinuousClock.now - lastHeartbeat >= heartbeatInterval {
                    try await controlPlane.heartbeat(hostID: host.id, at: Date())
                    lastHeartbeat = .now
                }
                if registered { try await reconcile(onError: onError) }
            } catch {
                onError(error)
            }
            await controlPlane.waitForWork(hostID: host.id, timeout: min(resyncInterval, heartbeatInterval))
        }
    }

    /// One pass: converge every instance of this host, then settle strays.
    public func reconcile(onError: @escaping @Sendable (any Error) -> Void = { _ in }) async throws {
        let desired = try await controlPlane.desiredGuests(hostID: host.id)
        let observed = try await driver.observedGuests()
        await withTaskGroup(of: Void.self) { group in
            for instance in desired {
                group.addTask {
                    do {
                        try await converge(instance, observed: observed[instance.id])
                    } catch {
                        onError(error)
                    }
                }
            }
        }
        try await convergeVolumes(observed: observed, onError: onError)
        let wanted = Set(desired.map(\.id))
        try await settleUnclaimed(observed.filter { !wanted.contains($0.key) }, onError: onError)
    }

    private func converge(_ instance: HostGuest, observed: PowerState?) async throws {
        let step = HostStep.next(for: instance, observed: observed, onHost: host.id)
        // The original a pending resize keeps here is the destination's to report on.
        let reports = instance.hostID == host.id
        let id = instance.id
        do {
            switch step {
            case .none: return
            case .reportPower(let power):
                try await controlPlane.observePower(instanceID: id, hostID: host.id, power: power)
                return
            case .complete: break
            case .spawn: try await driver.spawn(try await guest(instance))
            case .rebuild:
                try await driver.destroy(instanceID: id)
                try await driver.spawn(try await guest(instance))
            case .destroy: try await driver.destroy(instanceID: id)
            case .powerOn: try await driver.powerOn(instanceID: id)
            case .powerOff: try await driver.powerOff(instanceID: id)
            case .reboot(let hard): try await driver.reboot(instanceID: id, hard: hard)
            case .pause: try await driver.pause(instanceID: id)
            case .unpause: try await driver.unpause(instanceID: id)
            case .suspend: try await driver.suspend(instanceID: id)
            case .resume: try await driver.resume(instanceID: id)
            case .snapshot:
                let disk = try await driver.snapshot(instanceID: id)
                try await controlPlane.uploadSnapshot(instanceID: id, hostID: host.id, chunks: disk)
            case .prepareIncoming, .migrateOut:
                try await migrate(instance, step)
                return
            case .finishIncoming:
                try await driver.finishIncoming(
                    instanceID: id, console: instance.liveMigration?.consoleHistory ?? .empty)
            case .exportDisk:
                let uri = try await driver.exportDisk(instanceID: id)
                try await controlPlane.diskExported(instanceID: id, hostID: host.id, uri: uri)
                return
            }
        } catch let error as ReportFailed {
            throw error.underlying
        } catch {
            if reports, let task = instance.state.taskState {
                try await controlPlane.failTask(
                    instanceID: id, task: task, hostID: host.id, message: String(describing: error))
                return
            }
            throw error
        }
        if reports, let task = instance.state.taskState {
            try await controlPlane.completeTask(instanceID: id, task: task, hostID: host.id)
        }
    }

    /// Attachments waiting for this host: the driver attaches or detaches, then
    /// the agent reports. A guest not here yet (still building) waits for a later
    /// pass; a driver failure is reported once and undoes the change.
    private func convergeVolumes(observed: [String: PowerState], onError: @escaping @Sendable (any Error) -> Void) async throws {
        let pending = try await controlPlane.pendingVolumeWork(hostID: host.id)
        await withTaskGroup(of: Void.self) { group in
            for attachment in pending where observed[attachment.instanceID] != nil {
                group.addTask {
                    do {
                        try await converge(attachment)
                    } catch {
                        onError(error)
                    }
                }
            }
        }
    }

    private func converge(_ attachment: VolumeAttachment) async throws {
        do {
            switch attachment.state {
            case .attaching:
                try await driver.attachVolume(
                    instanceID: attachment.instanceID, volumeID: attachment.volumeID, device: attachment.device)
            case .detaching:
                try await driver.detachVolume(instanceID: attachment.instanceID, volumeID: attachment.volumeID)
            case .attached:
                return
            }
        } catch {
            try await controlPlane.volumeChangeFailed(attachment, hostName: host.name, message: String(describing: error))
            return
        }
        if attachment.state == .attaching {
            try await controlPlane.volumeAttached(attachment, hostName: host.name)
        } else {
            try await controlPlane.volumeDetached(attachment, hostName: host.name)
        }
    }

    /// The guest to start: the instance with its ports, read when it starts (a
    /// port added or changed since is plugged in on the next start).
    /// A failed read is the control plane's, not the guest's: the pass retries it.
    private func guest(_ instance: HostGuest) async throws -> GuestSpec {
        var guest = GuestSpec(instance)
        try await report { guest.interfaces = try await controlPlane.guestInterfaces(instanceID: instance.id, hostID: host.id) }
        return guest
    }

    /// The two live-migration steps before the transfer; either end's driver
    /// failure ends the migration with the server left running on its source.
    /// A failed report is only retried on the next pass (both steps repeat safely).
    private func migrate(_ instance: HostGuest, _ step: HostStep) async throws {
        guard let live = instance.liveMigration else { return }
        let id = instance.id
        do {
            switch step {
            case .prepareIncoming:
                let uri = try await driver.prepareIncoming(try await guest(instance), tls: live.tls)
                try await report { try await controlPlane.incomingMigrationReady(instanceID: id, hostID: host.id, uri: uri) }
            case .migrateOut(let uri):
                try await driver.migrate(instanceID: id, to: uri, tls: live.tls)
                let console = await consoleHistory(of: id)
                try await report {
                    try await controlPlane.migrationTransferred(instanceID: id, hostID: host.id, console: console)
                }
            default:
                return
            }
        } catch let error as ReportFailed {
            throw error.underlying
        } catch {
            try await controlPlane.liveMigrationFailed(instanceID: id, hostID: host.id, message: String(describing: error))
        }
    }

    /// The guest's console as it left this host, for the destination to continue:
    /// read after the transfer, when the guest writes here no more. The guest has
    /// moved by then, so a failed read must not fail the migration; the history
    /// says why it is missing instead, where the user reading the console sees it.
    private func consoleHistory(of instanceID: String) async -> ConsoleHistory {
        do {
            return ConsoleHistory(try await driver.consoleOutput(instanceID: instanceID, lines: nil))
        } catch {
            return ConsoleHistory("[stratus: the console output from before the live migration could not be read on \(host.name): \(error)]\n")
        }
    }

    /// A control-plane call inside a driver step failed: the step is retried on the
    /// next pass instead of failing the server's task.
    private struct ReportFailed: Error { var underlying: any Error }

    private func report(_ call: () async throws -> Void) async throws {
        do { try await call() } catch { throw ReportFailed(underlying: error) }
    }
}
