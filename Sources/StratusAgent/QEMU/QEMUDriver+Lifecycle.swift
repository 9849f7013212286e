import Foundation
import StratusCore

/// Starting, stopping and inspecting one guest's QEMU.
extension QEMUDriver {
    var instancesPath: String { configuration.dataDirectory + "/instances" }

    func directory(_ instanceID: String) -> QEMUInstanceDirectory {
        QEMUInstanceDirectory(path: instancesPath + "/" + instanceID)
    }

    /// The guests' bridge script, (re)written before a launch record names it.
    func installedBridgeScript() throws -> QEMUCommandLine.Network? {
        guard let bridge = configuration.guestBridge else { return nil }
        let path = configuration.dataDirectory + "/guest-bridge-ifup"
        try bridge.installScript(at: path)
        return QEMUCommandLine.Network(ifupScript: path)
    }

    /// The guest's folder; a guest never created here is an error.
    func existing(_ instanceID: String) throws -> QEMUInstanceDirectory {
        let directory = directory(instanceID)
        guard directory.exists, (try? directory.readLaunch()) != nil else {
            throw DriverError("Guest \(instanceID) not found on this host")
        }
        return directory
    }

    /// The guest's folder when its QEMU runs; a stopped guest is an error.
    func running(_ instanceID: String) throws -> QEMUInstanceDirectory {
        let directory = try existing(instanceID)
        guard directory.runningPID() != nil else { throw DriverError("Guest \(instanceID) is not running") }
        return directory
    }

    /// Makes the folder: the guest's own copy of its kernel and initrd, its
    /// disks (an overlay on the cached base, the config drive) and the command line.
    func create(_ guest: GuestSpec, in directory: QEMUInstanceDirectory) async throws {
        let image = try await images.files(for: guest)
        let files = FileManager.default
        try? files.removeItem(atPath: directory.path)  // debris of a spawn cut off before its launch record
        try files.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        if let kernel = image.kernel { try copy(kernel, to: directory.kernel) }
        if let initrd = image.initrd { try copy(initrd, to: directory.initrd) }
        var local = GuestImage(
            kernel: image.kernel.map { _ in directory.kernel }, initrd: image.initrd.map { _ in directory.initrd })
        if let base = image.disk {
            local.disk = try await prepareDisk(for: guest, base: base, in: directory)
            // A moved guest starts from the disk it had on its source.
            if let source = guest.sourceDiskURI { try await copyDisk(from: source, into: directory.disk) }
        }
        local.configDrive = try await prepareConfigDrive(for: guest, in: directory)
        let arguments = QEMUCommandLine.arguments(
            for: guest, image: local, directory: directory, acceleration: await accelerationInUse().acceleration,
            kernelCommandLine: configuration.kernelCommandLine, entropy: configuration.entropySource,
            network: try installedBridgeScript())
        // Before the launch record, which makes the folder a guest: every guest has its record.
        if let record = guest.record { try directory.write(record) }
        try directory.write(QEMULaunch(arguments: arguments, waitsForReadyMarker: image.kernel != nil))
    }

    /// Starts the recorded command line and returns once the console shows
    /// the ready marker (a kernel boot: the test guest's convention) or, for a
    /// disk boot, once QEMU runs the guest: an arbitrary image prints no marker,
    /// and Nova's ACTIVE means the same. A guest that exits or is too slow is
    /// stopped and reported with the end of its console.
    func start(_ directory: QEMUInstanceDirectory) async throws {
        guard let launch = try directory.readLaunch() else { throw DriverError("No launch record in \(directory.path)") }
        let console = ConsoleLog(path: directory.consoleLog)
        console.cap(at: configuration.consoleLimit)
        let offset = console.size
        try await QEMUProcess.startDaemonized(
            executable: executable, arguments: launch.arguments, errorLog: directory.errorLog)
        let deadline = ContinuousClock.now + configuration.bootTimeout
        func ready() async -> Bool {
            guard launch.waitsForReadyMarker != false else { return await power(of: directory) == .running }
            return console.contains(configuration.readyMarker, after: offset)
        }
        while !(await ready()) {
            let alive = directory.runningPID() != nil
            guard alive, ContinuousClock.now < deadline else {
                stop(directory)
                let why = alive ? "did not come up within \(configuration.bootTimeout)" : "stopped while booting"
                throw DriverError("Guest \(why); console ends: \(console.tail(lines: 5))")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// ACPI power button, then waits for QEMU to exit; false if it did not.
    func powerDown(_ directory: QEMUInstanceDirectory, within timeout: Duration) async -> Bool {
        guard let pid = directory.runningPID() else { return true }
        do {
            try await qmp(directory, "system_powerdown")
        } catch {
            return false  // no monitor to ask: the caller stops it the hard way
        }
        return await waitForExit(pid, of: directory, within: timeout)
    }

    /// QMP `quit`, then SIGKILL if QEMU is still there.
    func hardStop(_ directory: QEMUInstanceDirectory) async {
        guard let pid = directory.runningPID() else { return }
        do {
            try await qmp(directory, "quit", timeout: .seconds(2))
            if await waitForExit(pid, of: directory, within: .seconds(5)) { return }
        } catch {
            // A monitor that does not answer is no reason to keep the guest.
        }
        if QEMUProcess.isRunning(pid: pid, commandLineContains: directory.pidFile) { QEMUProcess.forceKill(pid) }
        _ = await waitForExit(pid, of: directory, within: .seconds(5))
    }

    /// SIGKILL, without waiting.
    func stop(_ directory: QEMUInstanceDirectory) {
        if let pid = directory.runningPID() { QEMUProcess.forceKill(pid) }
    }

    /// Waits for that QEMU process itself to end. Its pid file is no evidence: QEMU
    /// unlinks it on its way out, while the process (and its disk and tap) still lives.
    func waitForExit(_ pid: Int32, of directory: QEMUInstanceDirectory, within timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while QEMUProcess.isRunning(pid: pid, commandLineContains: directory.pidFile) {
            guard ContinuousClock.now < deadline,
                  (try? await Task.sleep(for: .milliseconds(50))) != nil
            else { return false }
        }
        return true
    }

    /// One command on a connection of its own (QEMU serves one client at a time).
    @discardableResult
    func qmp(_ directory: QEMUInstanceDirectory, _ command: String, timeout: Duration = .seconds(10)) async throws -> QMPValue {
        let client = try await QMPClient.connect(path: directory.qmpSocket, timeout: timeout)
        defer { client.close() }
        return try await client.execute(command, timeout: timeout)
    }

    /// running / paused (suspended when marked) from `query-status`; a dead
    /// QEMU is a shut-down guest; one whose monitor does not answer is crashed.
    func power(of directory: QEMUInstanceDirectory) async -> PowerState {
        guard directory.runningPID() != nil else { return .shutdown }
        guard let status = try? await qmp(directory, "query-status", timeout: .seconds(5))["status"]?.stringValue else {
            return .crashed
        }
        switch status {
        case "running": return .running
        case "guest-panicked", "internal-error", "io-error": return .crashed
        case "shutdown": return .shutdown
        default: return directory.isSuspended ? .suspended : .paused  // paused, and the migration states
        }
    }

    /// A hard link when the image cache shares the file system, else a copy.
    private func copy(_ source: String, to destination: String) throws {
        let files = FileManager.default
        do {
            try files.linkItem(atPath: source, toPath: destination)
        } catch {
            try files.copyItem(atPath: source, toPath: destination)
        }
    }
}
