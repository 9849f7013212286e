import Foundation
import StratusCore

/// One guest's folder, `<dataDir>/instances/<id>/`: everything QEMU and the
/// driver keep for it, so a restarted agent finds the guest from files alone.
struct QEMUInstanceDirectory: Sendable {
    let path: String

    var qmpSocket: String { path + "/qmp.sock" }
    var consoleLog: String { path + "/console.log" }
    /// What the guest's console showed on the host it was live-migrated from: read
    /// before `consoleLog`, which the destination's QEMU had already begun to write.
    var consoleHistory: String { path + "/console.history" }
    /// Written by QEMU itself (`-pidfile`) once it runs daemonized.
    var pidFile: String { path + "/qemu.pid" }
    /// QEMU's own stderr until it daemonizes: why a start failed.
    var errorLog: String { path + "/qemu.log" }
    /// The command line the guest was first started with; power-on reuses it.
    var launchFile: String { path + "/launch.json" }
    /// Present while the guest is suspended (stopped, as a pause is).
    var suspendedMarker: String { path + "/suspended" }
    /// Present while the guest waits for an incoming live migration: where it listens.
    var incomingFile: String { path + "/incoming" }
    /// Written once this guest was sent away by a live migration: to where.
    var migratedFile: String { path + "/migrated-to" }
    /// The original's disk export of a cold move (qemu-nbd): its pid file, its
    /// stderr while starting, and a marker with its URI.
    var exportPIDFile: String { path + "/disk-export.pid" }
    var exportLog: String { path + "/disk-export.log" }
    var exportFile: String { path + "/disk-export" }
    var kernel: String { path + "/vmlinuz" }
    var initrd: String { path + "/initrd" }
    /// The root disk: a qcow2 overlay whose backing file is the cached base image.
    var disk: String { path + "/disk.qcow2" }
    /// The config drive (Nova's file name).
    var configDrive: String { path + "/disk.config" }
    /// The flattened copy of `disk` a snapshot uploads; removed once opened.
    var snapshotFile: String { path + "/snapshot.qcow2" }

    var exists: Bool { FileManager.default.fileExists(atPath: path) }

    /// The pid of this guest's QEMU when it is alive. A pid file alone is not
    /// proof: the process must be running (not a zombie) and carry this
    /// folder's pid file on its command line, so a reused pid is never claimed.
    func runningPID() -> Int32? {
        guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
              let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0
        else { return nil }
        return QEMUProcess.isRunning(pid: pid, commandLineContains: pidFile) ? pid : nil
    }

    func readLaunch() throws -> QEMULaunch? {
        guard FileManager.default.fileExists(atPath: launchFile) else { return nil }
        return try JSONDecoder().decode(QEMULaunch.self, from: Data(contentsOf: URL(fileURLWithPath: launchFile)))
    }

    func write(_ launch: QEMULaunch) throws {
        try JSONEncoder().encode(launch).write(to: URL(fileURLWithPath: launchFile), options: .atomic)
    }

    var incomingURI: String? { try? String(contentsOfFile: incomingFile, encoding: .utf8) }
    var migratedTo: String? { try? String(contentsOfFile: migratedFile, encoding: .utf8) }

    func setIncomingURI(_ uri: String?) throws {
        try setMarker(incomingFile, uri)
    }

    var diskExportURI: String? { try? String(contentsOfFile: exportFile, encoding: .utf8) }

    func setDiskExportURI(_ uri: String?) throws {
        try setMarker(exportFile, uri)
    }

    /// The export's qemu-nbd while it runs (the same proof as `runningPID`).
    func runningExportPID() -> Int32? {
        guard let text = try? String(contentsOfFile: exportPIDFile, encoding: .utf8),
              let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0
        else { return nil }
        return QEMUProcess.isRunning(pid: pid, commandLineContains: exportPIDFile) ? pid : nil
    }

    func setMigratedTo(_ uri: String) throws {
        try setMarker(migratedFile, uri)
    }

    /// The console as the guest's reader sees it: the history, then QEMU's file.
    var console: ConsoleLog { ConsoleLog(path: consoleLog, historyPath: consoleHistory) }

    /// Replaces the history (written whole, so a repeat leaves one copy); none when empty.
    func setConsoleHistory(_ history: ConsoleHistory) throws {
        try setMarker(consoleHistory, history.text.isEmpty ? nil : history.text)
    }

    private func setMarker(_ file: String, _ text: String?) throws {
        if let text {
            try Data(text.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
        } else if FileManager.default.fileExists(atPath: file) {
            try FileManager.default.removeItem(atPath: file)
        }
    }

    var isSuspended: Bool { FileManager.default.fileExists(atPath: suspendedMarker) }

    func setSuspended(_ suspended: Bool) throws {
        if suspended {
            try Data().write(to: URL(fileURLWithPath: suspendedMarker))
        } else if isSuspended {
            try FileManager.default.removeItem(atPath: suspendedMarker)
        }
    }
}

/// What starts a guest: QEMU's arguments, kept so a power-on after a power-off
/// or an agent restart boots exactly the same machine.
struct QEMULaunch: Sendable, Equatable, Codable {
    var arguments: [String]
    /// False for a disk boot (no ready marker to wait for); nil in records written
    /// before disk boots, which were all kernel boots.
    var waitsForReadyMarker: Bool?

    init(arguments: [String], waitsForReadyMarker: Bool? = nil) {
        self.arguments = arguments
        self.waitsForReadyMarker = waitsForReadyMarker
    }
}
