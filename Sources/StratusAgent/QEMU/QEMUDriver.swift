import Foundation
import StratusCore

/// Real guests: one detached `qemu-system-x86_64` per instance, driven over
/// QMP, with everything about a guest in its folder under the data directory.
/// A restarted driver re-adopts the guests it finds there; it never claims a
/// QEMU it did not start (see `QEMUInstanceDirectory.runningPID`).
///
/// Guests boot a kernel + initrd (`GuestImageSource`) with a qcow2 overlay on
/// the machine image as their root disk and a config drive (`+Disks`). Suspend is a
/// stop, like pause (the memory stays resident; nothing is saved to disk),
/// told apart by a marker file. Reboots restart the process, as Nova's libvirt
/// driver re-creates the domain: `-no-reboot` turns any reset into an exit.
public actor QEMUDriver: HypervisorDriver {
    public nonisolated let kind = "qemu"
    public let configuration: Configuration
    let images: any GuestImageSource
    let executable: String
    private var acceleration: Task<AccelerationChoice, Never>?

    public init(configuration: Configuration, images: any GuestImageSource) throws {
        guard let executable = QEMUProcess.find(configuration.executable) else {
            throw DriverError("QEMU not found: \(configuration.executable)")
        }
        self.configuration = configuration
        self.images = images
        self.executable = executable
        try FileManager.default.createDirectory(
            atPath: configuration.dataDirectory + "/instances", withIntermediateDirectories: true)
    }

    /// The acceleration guests start with, and why; probed on first use.
    public func accelerationInUse() async -> AccelerationChoice {
        if let acceleration { return await acceleration.value }
        let probe = AccelerationProbe(
            executable: executable, probeGuest: configuration.probeGuest, timeout: configuration.probeTimeout,
            readyMarker: configuration.readyMarker,
            directory: QEMUInstanceDirectory(path: configuration.dataDirectory + "/kvm-probe"))
        let fixed = configuration.acceleration
        let task = Task {
            if let fixed { return AccelerationChoice(acceleration: fixed, reason: "configured") }
            return await probe.choose()
        }
        acceleration = task
        return await task.value
    }

    public func spawn(_ guest: GuestSpec) async throws {
        let directory = directory(guest.instanceID)
        if directory.exists, try directory.readLaunch() != nil {
            try await powerOn(instanceID: guest.instanceID)
            return
        }
        do {
            try await create(guest, in: directory)
            try await start(directory)
        } catch {
            // A failed build leaves nothing behind, so the host reports no guest.
            stop(directory)
            try? FileManager.default.removeItem(atPath: directory.path)
            throw error
        }
    }

    public func destroy(instanceID: String) async throws {
        let directory = directory(instanceID)
        guard directory.exists else { return }
        await stopDiskExport(directory)
        await hardStop(directory)
        try FileManager.default.removeItem(atPath: directory.path)
    }

    public func powerOn(instanceID: String) async throws {
        let directory = try existing(instanceID)
        await stopDiskExport(directory)  // a reverted move: the original runs again
        guard directory.runningPID() != nil else { return try await start(directory) }
        try directory.setSuspended(false)
        try await qmp(directory, "cont")
    }

    public func powerOff(instanceID: String) async throws {
        let directory = try existing(instanceID)
        try directory.setSuspended(false)
        guard directory.runningPID() != nil else { return }
        let poweredDown = await powerDown(directory, within: configuration.powerOffTimeout)
        if !poweredDown { await hardStop(directory) }
    }

    /// Soft: an ACPI power-off (hard stop after the timeout), then a fresh
    /// start. Hard: a hard stop, then a fresh start.
    public func reboot(instanceID: String, hard: Bool) async throws {
        let directory = try existing(instanceID)
        try directory.setSuspended(false)
        if directory.runningPID() != nil {
            let poweredDown = hard ? false : await powerDown(directory, within: configuration.powerOffTimeout)
            if !poweredDown { await hardStop(directory) }
        }
        try await start(directory)
    }

    public func pause(instanceID: String) async throws { try await qmp(try running(instanceID), "stop") }
    public func unpause(instanceID: String) async throws { try await qmp(try running(instanceID), "cont") }

    public func suspend(instanceID: String) async throws {
        let directory = try running(instanceID)
        try await qmp(directory, "stop")
        try directory.setSuspended(true)
    }

    public func resume(instanceID: String) async throws {
        let directory = try running(instanceID)
        try await qmp(directory, "cont")
        try directory.setSuspended(false)
    }

    public func consoleOutput(instanceID: String, lines: Int?) async throws -> String {
        let directory = try existing(instanceID)
        let console = directory.console
        console.cap(at: configuration.consoleLimit)
        return console.tail(lines: lines)
    }

    public func observedGuests() async throws -> [String: PowerState] {
        let ids = try FileManager.default.contentsOfDirectory(atPath: instancesPath)
        var observed: [String: PowerState] = [:]
        for id in ids {
            let directory = directory(id)
            // A folder without a launch record is a spawn cut off before it started: not a guest.
            guard (try? directory.readLaunch()) != nil else { continue }
            ConsoleLog(path: directory.consoleLog).cap(at: configuration.consoleLimit)
            observed[id] = await power(of: directory)
        }
        return observed
    }
}
