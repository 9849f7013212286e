import Foundation
import StratusCore

/// A host without a hypervisor: guests are entries in memory with the same
/// idempotent contract as a real driver, so schedulers and reconcilers can be
/// exercised at scale on one machine. Latency and failures can be injected.
public actor SimulatedDriver: HypervisorDriver {
    public enum Operation: String, Sendable, CaseIterable {
        case spawn, destroy, powerOn, powerOff, reboot, pause, unpause, suspend, resume, snapshot
        case prepareIncoming, migrate, finishIncoming, attachVolume, detachVolume, consoleOutput
    }

    struct Guest {
        var spec: GuestSpec
        var power: PowerState
        var console: [String]
        /// Lines written on the host it was live-migrated from, shown before `console`.
        var consoleBefore: [String] = []
        /// Waiting for a live migration's state, at this address, with or without TLS.
        var listening: (uri: String, tls: Bool)?
        /// Sent away by a live migration: only a stopped copy is left.
        var sentTo: String?
        /// Attached volumes: id → device.
        var volumes: [String: String] = [:]
    }

    public nonisolated let kind = "simulated"
    private var guests: [String: Guest] = [:]
    private let latency: Duration
    private var failures: [Operation: Int] = [:]
    /// This host's name on the migration network.
    private let address: String
    private let network: SimulatedMigrationNetwork

    public init(latency: Duration = .zero, address: String = UUID().uuidString,
                network: SimulatedMigrationNetwork = .shared) {
        self.latency = latency
        self.address = address
        self.network = network
    }

    /// The next `times` calls of `operation` fail (before changing anything).
    public func injectFailure(_ operation: Operation, times: Int = 1) {
        failures[operation, default: 0] += times
    }

    /// Makes a guest vanish or stop as if it crashed or was shut down inside.
    public func simulateGuestExit(instanceID: String, removing: Bool = false) {
        if removing { guests[instanceID] = nil } else { guests[instanceID]?.power = .shutdown }
    }

    /// What the guest was started with (its spec, ports included), nil when absent.
    public func spec(instanceID: String) -> GuestSpec? { guests[instanceID]?.spec }

    public func guestRecord(instanceID: String) async throws -> GuestRecord? { guests[instanceID]?.spec.record }

    public func spawn(_ guest: GuestSpec) async throws {
        try await step(.spawn)
        if guests[guest.instanceID] != nil {
            guests[guest.instanceID]?.power = .running
            return
        }
        guests[guest.instanceID] = Guest(spec: guest, power: .running, console: [
            "[    0.000000] Linux version 6.1.0 (simulated guest on Stratus)",
            "[    0.100000] random: crng init done",
            "\(guest.name) login:",
        ])
    }

    public func destroy(instanceID: String) async throws {
        try await step(.destroy)
        if let uri = guests[instanceID]?.listening?.uri { await network.close(uri) }
        guests[instanceID] = nil
    }

    public func powerOn(instanceID: String) async throws { try await set(.powerOn, instanceID, .running) }
    public func powerOff(instanceID: String) async throws { try await set(.powerOff, instanceID, .shutdown) }
    public func pause(instanceID: String) async throws { try await set(.pause, instanceID, .paused) }
    public func unpause(instanceID: String) async throws { try await set(.unpause, instanceID, .running) }
    public func suspend(instanceID: String) async throws { try await set(.suspend, instanceID, .suspended) }
    public func resume(instanceID: String) async throws { try await set(.resume, instanceID, .running) }

    public func reboot(instanceID: String, hard: Bool) async throws {
        try await set(.reboot, instanceID, .running)
        guests[instanceID]?.console.append(hard ? "[    0.000000] hard reset" : "reboot: Restarting system")
    }

    public func consoleOutput(instanceID: String, lines: Int?) async throws -> String {
        try injectedFailure(.consoleOutput)  // a read: no latency
        guard let guest = guests[instanceID] else { throw DriverError("Guest \(instanceID) not found on this host") }
        let all = guest.consoleBefore + guest.console
        let tail = lines.map { Array(all.suffix(max(0, $0))) } ?? all
        return tail.map { $0 + "\n" }.joined()
    }

    /// A simulated guest has no disk file; its "disk" is a small deterministic
    /// image of what the guest is (spec and console), so snapshots carry real,
    /// checkable bytes through the image service.
    public func snapshot(instanceID: String) async throws -> ImageDataChunks {
        try await step(.snapshot)
        guard let guest = guests[instanceID] else { throw DriverError("Guest \(instanceID) not found on this host") }
        let text = "stratus simulated disk\ninstance \(guest.spec.instanceID)\nimage \(guest.spec.imageID)\n"
            + (guest.consoleBefore + guest.console).map { $0 + "\n" }.joined()
        return ImageDataChunks([Array(text.utf8)])
    }

    public func observedGuests() async throws -> [String: PowerState] {
        guests.mapValues(\.power)
    }

    public func prepareIncoming(_ guest: GuestSpec, tls: Bool) async throws -> String {
        try await step(.prepareIncoming)
        if let existing = guests[guest.instanceID] {
            guard let listening = existing.listening else {
                throw DriverError("Guest \(guest.instanceID) already runs on this host")
            }
            return listening.uri
        }
        let uri = "sim:\(address)/\(guest.instanceID)"
        guests[guest.instanceID] = Guest(spec: guest, power: .paused, console: [], listening: (uri, tls))
        await network.listen(uri, self)
        return uri
    }

    public func migrate(instanceID: String, to uri: String, tls: Bool) async throws {
        try await step(.migrate)
        guard let guest = guests[instanceID] else { throw DriverError("Guest \(instanceID) not found on this host") }
        if guest.sentTo == uri { return }
        guard let destination = await network.listener(uri) else {
            throw DriverError("Failed to connect to \(uri): Connection refused")
        }
        try await destination.receive(instanceID: instanceID, power: guest.power, tls: tls)
        guests[instanceID]?.power = .shutdown
        guests[instanceID]?.sentTo = uri
    }

    /// Simulated guests have no disk file: nothing to hand over.
    public func exportDisk(instanceID: String) async throws -> String? { nil }

    public func finishIncoming(instanceID: String, console: ConsoleHistory) async throws {
        try await step(.finishIncoming)
        guard let guest = guests[instanceID], guest.listening == nil else {
            throw DriverError("The migrated guest \(instanceID) did not arrive on this host")
        }
        guests[instanceID]?.consoleBefore = console.text.split(separator: "\n").map(String.init)
    }

    /// A volume appears as a disk the guest's kernel announces on its console.
    public func attachVolume(instanceID: String, volumeID: String, device: String) async throws {
        try await step(.attachVolume)
        guard let guest = guests[instanceID] else { throw DriverError("Guest \(instanceID) not found on this host") }
        if guest.volumes[volumeID] != nil { return }
        guests[instanceID]?.volumes[volumeID] = device
        guests[instanceID]?.console.append("virtio_blk: [\(device.replacingOccurrences(of: "/dev/", with: ""))] attached volume \(volumeID)")
    }

    public func detachVolume(instanceID: String, volumeID: String) async throws {
        try await step(.detachVolume)
        guard let device = guests[instanceID]?.volumes.removeValue(forKey: volumeID) else { return }
        guests[instanceID]?.console.append("virtio_blk: [\(device.replacingOccurrences(of: "/dev/", with: ""))] detached")
    }

    /// The volumes a guest sees, by id (tests).
    public func attachedVolumes(instanceID: String) -> [String: String] {
        guests[instanceID]?.volumes ?? [:]
    }

    /// The destination's end of `migrate`: the guest continues here as it was. Like
    /// QEMU's stream, this one carries no console: its history comes with `finishIncoming`.
    func receive(instanceID: String, power: PowerState, tls: Bool) async throws {
        guard let listening = guests[instanceID]?.listening else {
            throw DriverError("No incoming migration of \(instanceID) expected here")
        }
        guard listening.tls == tls else { throw DriverError("TLS handshake failed") }
        await network.close(listening.uri)
        guests[instanceID]?.listening = nil
        guests[instanceID]?.power = power
        guests[instanceID]?.console = ["[migrated] resumed on \(address)"]
    }

    private func set(_ operation: Operation, _ instanceID: String, _ power: PowerState) async throws {
        try await step(operation)
        guard guests[instanceID] != nil else { throw DriverError("Guest \(instanceID) not found on this host") }
        guests[instanceID]?.power = power
    }

    private func step(_ operation: Operation) async throws {
        if latency > .zero { try await Task.sleep(for: latency) }
        try injectedFailure(operation)
    }

    private func injectedFailure(_ operation: Operation) throws {
        if let left = failures[operation], left > 0 {
            failures[operation] = left - 1
            throw DriverError("Injected failure of \(operation.rawValue)")
        }
    }
}
