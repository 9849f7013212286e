import Foundation

/// Chooses KVM only when it really works: `/dev/kvm` can exist without
/// hardware virtualisation behind it (a software backend under which a stock
/// kernel crawls), so a probe guest must reach its ready marker under KVM
/// within a short time. Anything else — no device, no probe guest to try,
/// a slow or failed boot — is TCG.
struct AccelerationProbe: Sendable {
    let executable: String
    let probeGuest: GuestImage?
    let timeout: Duration
    let readyMarker: String
    let directory: QEMUInstanceDirectory
    var kvmDevice = "/dev/kvm"

    func choose() async -> AccelerationChoice {
        guard FileManager.default.isReadableFile(atPath: kvmDevice) else {
            return AccelerationChoice(acceleration: .tcg, reason: "no usable \(kvmDevice)")
        }
        guard let probeGuest else {
            return AccelerationChoice(acceleration: .tcg, reason: "\(kvmDevice) present but no probe guest to verify it")
        }
        let started = ContinuousClock.now
        let booted = await bootsUnderKVM(probeGuest)
        let elapsed = ContinuousClock.now - started
        return booted
            ? AccelerationChoice(acceleration: .kvm, reason: "probe guest booted under KVM in \(elapsed)")
            : AccelerationChoice(acceleration: .tcg, reason: "probe guest did not boot under KVM within \(timeout)")
    }

    private func bootsUnderKVM(_ image: GuestImage) async -> Bool {
        let files = FileManager.default
        // A leftover probe from a crashed run is ended first.
        if let pid = directory.runningPID() { QEMUProcess.forceKill(pid) }
        // The probe folder is scratch: a failure to clear it shows up as a failed probe.
        try? files.removeItem(atPath: directory.path)
        defer {
            if let pid = directory.runningPID() { QEMUProcess.forceKill(pid) }
            try? files.removeItem(atPath: directory.path)
        }
        do {
            try files.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
            let guest = GuestSpec(instanceID: "kvm-probe", vcpus: 1, memoryMiB: 96)
            let arguments = QEMUCommandLine.arguments(
                for: guest, image: image, directory: directory, acceleration: .kvm)
            try await QEMUProcess.startDaemonized(
                executable: executable, arguments: arguments, errorLog: directory.errorLog)
        } catch {
            return false
        }
        let console = ConsoleLog(path: directory.consoleLog)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline, directory.runningPID() != nil {
            if console.contains(readyMarker, after: 0) { return true }
            guard (try? await Task.sleep(for: .milliseconds(100))) != nil else { return false }
        }
        return false
    }
}

/// The acceleration a driver uses, and why (for logs and the hypervisor API).
public struct AccelerationChoice: Sendable, Equatable {
    public var acceleration: QEMUAcceleration
    public var reason: String
}
