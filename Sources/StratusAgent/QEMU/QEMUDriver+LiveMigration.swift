import Foundation
import StratusCore

/// Live migration with QEMU's own migration stream (see qemu.md), disks
/// included (incremental block migration over the shared base image): the
/// destination starts the same machine with `-incoming defer` and listens on
/// the migration address (port 0: QEMU picks one, `query-migrate` tells which);
/// the source sends with `migrate` and polls `query-migrate`. Under TLS both
/// ends add a `tls-creds-x509` object from the host's PKI folder, and the
/// source checks the destination's certificate names its address. Marker files
/// in the guest's folder make every step safe to repeat after a crash.
extension QEMUDriver {
    static let tlsObjectID = "stratus-migration-tls"

    public func prepareIncoming(_ guest: GuestSpec, tls: Bool) async throws -> String {
        let migration = try migrationSettings(tls: tls)
        let directory = directory(guest.instanceID)
        if directory.exists, try directory.readLaunch() != nil {
            guard let uri = directory.incomingURI else {
                throw DriverError("Guest \(guest.instanceID) already exists on this host")
            }
            if directory.runningPID() != nil { return uri }
            // A listener that died (a failed attempt ends the destination's QEMU): start afresh.
            try FileManager.default.removeItem(atPath: directory.path)
        }
        do {
            try await create(guest, in: directory)
            guard let launch = try directory.readLaunch() else { throw DriverError("No launch record in \(directory.path)") }
            // The launch record stays the plain machine: a later power-on boots, it does not wait.
            try await QEMUProcess.startDaemonized(
                executable: executable, arguments: launch.arguments + ["-incoming", "defer"], errorLog: directory.errorLog)
            let client = try await QMPClient.connect(path: directory.qmpSocket, timeout: .seconds(10))
            defer { client.close() }
            if tls { try await addTLSCredentials(client, endpoint: "server", directory: migration.pkiDirectory) }
            try await client.execute("migrate-set-parameters", arguments: ["tls-creds": .string(tls ? Self.tlsObjectID : "")])
            try await client.execute("migrate-incoming", arguments: ["uri": .string("tcp:\(migration.address):0")])
            let info = try await client.execute("query-migrate")
            guard case .array(let sockets)? = info["socket-address"], let port = sockets.first?["port"]?.stringValue else {
                throw DriverError("QEMU did not say where it listens for the incoming migration")
            }
            let uri = "tcp:\(Self.uriHost(migration.address)):\(port)"
            try directory.setIncomingURI(uri)
            return uri
        } catch {
            stop(directory)
            try? FileManager.default.removeItem(atPath: directory.path)
            throw error
        }
    }

    public func migrate(instanceID: String, to uri: String, tls: Bool) async throws {
        _ = try await migrateReturningStats(instanceID: instanceID, to: uri, tls: tls)
    }

    /// `migrate`, with what QEMU measured (nil when an earlier call already sent the guest).
    @discardableResult
    public func migrateReturningStats(instanceID: String, to uri: String, tls: Bool) async throws -> QEMUMigrationStats? {
        let migration = try migrationSettings(tls: tls)
        let directory = try existing(instanceID)
        if directory.migratedTo == uri {
            await hardStop(directory)  // sent before a crash that came before the stop
            return nil
        }
        guard directory.runningPID() != nil else { throw DriverError("Guest \(instanceID) is not running") }
        let client = try await QMPClient.connect(path: directory.qmpSocket, timeout: .seconds(10))
        defer { client.close() }
        let status = try await client.execute("query-migrate")["status"]?.stringValue
        if status != "active" && status != "setup" {
            if tls {
                try await addTLSCredentials(client, endpoint: "client", directory: migration.pkiDirectory)
                try await client.execute("migrate-set-parameters", arguments: [
                    "tls-creds": .string(Self.tlsObjectID), "tls-hostname": .string(Self.hostOf(uri)),
                ])
            } else {
                try await client.execute("migrate-set-parameters", arguments: ["tls-creds": .string("")])
            }
            try await client.execute("migrate-set-parameters", arguments: [
                "max-bandwidth": .int(migration.maxBandwidthMiBps << 20),
                "downtime-limit": .int(migration.downtimeLimitMilliseconds),
            ])
            var arguments: [String: QMPValue] = ["uri": .string(uri)]
            if FileManager.default.fileExists(atPath: directory.disk) {
                // No shared storage: the disk travels in the stream. Incremental block
                // migration sends only the overlay's own data, since the destination made
                // the same overlay over the same verified base (the read-only config drive stays).
                arguments["blk"] = .bool(true)
                arguments["inc"] = .bool(true)
            }
            try await client.execute("migrate", arguments: arguments)
        }
        let deadline = ContinuousClock.now + migration.timeout
        while true {
            let info = try await client.execute("query-migrate")
            switch info["status"]?.stringValue {
            case "completed":
                try directory.setMigratedTo(uri)
                let stats = QEMUMigrationStats(
                    totalMilliseconds: info["total-time"]?.intValue ?? 0,
                    downtimeMilliseconds: info["downtime"]?.intValue ?? 0,
                    transferredBytes: info["ram"]?["transferred"]?.intValue ?? 0)
                // The guest runs on the destination now; its paused copy here goes
                // before the move is reported, so no reader of the API ever sees the
                // server ACTIVE there while a second qemu holds it here (libvirt's
                // confirm phase ends the source the same way). The folder stays, with
                // its marker, until the source's agent destroys it.
                client.close()
                await hardStop(directory)
                return stats
            case "failed", "cancelled":
                // QEMU resumes the guest here by itself: nothing moved.
                throw DriverError("Live migration to \(uri) failed: \(info["error-desc"]?.stringValue ?? "cancelled")")
            default:
                guard ContinuousClock.now < deadline else {
                    _ = try? await client.execute("migrate_cancel")
                    throw DriverError("Live migration to \(uri) did not finish within \(migration.timeout)")
                }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    /// The console history goes in a file of its own, read before QEMU's: this
    /// QEMU has written the guest's new output to `console.log` since the guest
    /// resumed, and the history cannot be put in front of a file QEMU appends to.
    /// Written first, so even a guest that did not arrive shows what it did before.
    public func finishIncoming(instanceID: String, console: ConsoleHistory) async throws {
        let directory = try existing(instanceID)
        try directory.setConsoleHistory(console)
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            guard directory.runningPID() != nil else {
                throw DriverError("The migrated guest \(instanceID) is not running on this host")
            }
            let status = try await qmp(directory, "query-status")["status"]?.stringValue
            switch status {
            case "running", "paused":
                try directory.setIncomingURI(nil)
                return
            case "inmigrate", "prelaunch", "finish-migrate", nil:
                guard ContinuousClock.now < deadline else {
                    throw DriverError("The migrated guest \(instanceID) did not start (\(status ?? "no status"))")
                }
                try await Task.sleep(for: .milliseconds(50))
            default:
                throw DriverError("The migrated guest \(instanceID) is \(status ?? "gone")")
            }
        }
    }

    private func migrationSettings(tls: Bool) throws -> QEMUMigrationSettings {
        guard let migration = configuration.migration else {
            throw DriverError("This host is not configured for live migration")
        }
        guard (migration.transport == .tls) == tls else {
            throw DriverError("This host requires \(migration.transport.rawValue) migration traffic")
        }
        return migration
    }

    /// Loads the host's credentials as they are now. QEMU reads the files when
    /// the object is made, so one left by an earlier migration (whose files may
    /// have been re-issued since) is dropped first.
    private func addTLSCredentials(_ client: QMPClient, endpoint: String, directory: String) async throws {
        try await client.execute("migrate-set-parameters", arguments: ["tls-creds": .string("")])
        _ = try? await client.execute("object-del", arguments: ["id": .string(Self.tlsObjectID)])
        try await client.execute("object-add", arguments: [
            "qom-type": .string("tls-creds-x509"), "id": .string(Self.tlsObjectID), "dir": .string(directory),
            "endpoint": .string(endpoint), "verify-peer": .bool(true),
        ])
    }

    /// `tcp:host:port` → `host` (an IPv6 host is bracketed).
    static func hostOf(_ uri: String) -> String {
        var rest = uri.hasPrefix("tcp:") ? String(uri.dropFirst(4)) : uri
        if let colon = rest.lastIndex(of: ":") { rest = String(rest[..<colon]) }
        return rest.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
    }

    static func uriHost(_ address: String) -> String { address.contains(":") ? "[\(address)]" : address }
}
