import Foundation
import StratusCore
#if canImport(Glibc)
import Glibc
#endif

/// A cold migration's or resize's disk, host to host: the source serves the
/// powered-off original's `disk.qcow2` read-only with `qemu-nbd` on its migration
/// address (TLS with the host's certificates, the client verified), and the
/// destination copies it into its fresh overlay with `qemu-img convert -n` before
/// the guest boots there. What the guest wrote on the source comes along; the
/// source keeps its copy for a revert until the move is confirmed.
extension QEMUDriver {
    static let exportName = "disk"
    static let exportTLSObject = "stratus-disk-tls"

    public func exportDisk(instanceID: String) async throws -> String? {
        let directory = directory(instanceID)
        guard directory.exists, (try? directory.readLaunch()) != nil,
              FileManager.default.fileExists(atPath: directory.disk)
        else { return nil }
        if let uri = directory.diskExportURI, directory.runningExportPID() != nil { return uri }
        guard directory.runningPID() == nil else {
            throw DriverError("Guest \(instanceID) still runs: its disk is handed over only when it is off")
        }
        guard let migration = configuration.migration else {
            throw DriverError("This host is not configured to move guests (no migration address)")
        }
        guard let nbd = QEMUProcess.find(URL(fileURLWithPath: executable).deletingLastPathComponent().path + "/qemu-nbd")
            ?? QEMUProcess.find("qemu-nbd")
        else { throw DriverError("qemu-nbd not found (qemu-utils)") }
        var lastError: any Error = DriverError("no free port on \(migration.address)")
        // A port found free can be taken before qemu-nbd binds it: try a few.
        for _ in 0..<3 {
            let port = try FreePort.find(on: migration.address)
            var arguments = [
                "--fork", "--pid-file", directory.exportPIDFile, "--read-only", "--persistent", "--shared", "4",
                "--format", "qcow2", "--bind", migration.address, "--port", String(port), "--export-name", Self.exportName,
            ]
            if migration.transport == .tls {
                arguments += [
                    "--object", "tls-creds-x509,id=\(Self.exportTLSObject),endpoint=server,verify-peer=on,dir="
                        + QEMUCommandLine.escaped(migration.pkiDirectory),
                    "--tls-creds", Self.exportTLSObject,
                ]
            }
            arguments.append(directory.disk)
            do {
                try await QEMUProcess.startDaemonized(executable: nbd, arguments: arguments, errorLog: directory.exportLog)
            } catch {
                lastError = error
                continue
            }
            let uri = "nbd://\(Self.uriHost(migration.address)):\(port)/\(Self.exportName)"
            try directory.setDiskExportURI(uri)
            return uri
        }
        throw lastError
    }

    /// The destination's copy: the source's disk as it is, into the new overlay
    /// (which may be larger: a resize grows the disk, never shrinks it).
    func copyDisk(from uri: String, into disk: String) async throws {
        guard let source = NBDAddress(uri) else { throw DriverError("Not a disk export: \(uri)") }
        guard let tool = QEMUImageTool.find(besides: executable) else { throw DriverError("qemu-img not found") }
        var options = "driver=nbd,server.type=inet,server.host=\(source.host),server.port=\(source.port),export=\(source.export)"
        var arguments = ["convert", "-n"]
        if configuration.migration?.transport == .tls, let pki = configuration.migration?.pkiDirectory {
            arguments += [
                "--object", "tls-creds-x509,id=\(Self.exportTLSObject),endpoint=client,dir=" + QEMUCommandLine.escaped(pki),
            ]
            options += ",tls-creds=\(Self.exportTLSObject)"
        }
        arguments += ["--image-opts", options, "-O", "qcow2", disk]
        try await ToolProcess.run(tool.executable, arguments)
    }

    /// Ends the guest's export, if it has one (the move was confirmed or reverted).
    func stopDiskExport(_ directory: QEMUInstanceDirectory) async {
        if let pid = directory.runningExportPID() {
            _ = kill(pid, SIGTERM)
            for _ in 0..<40 where directory.runningExportPID() != nil {
                try? await Task.sleep(for: .milliseconds(50))
            }
            if let pid = directory.runningExportPID() { QEMUProcess.forceKill(pid) }
        }
        try? directory.setDiskExportURI(nil)
    }
}

/// `nbd://host:port/export`, as `exportDisk` writes it.
struct NBDAddress: Equatable {
    var host: String
    var port: Int
    var export: String

    init?(_ uri: String) {
        guard uri.hasPrefix("nbd://") else { return nil }
        let rest = uri.dropFirst(6)
        guard let slash = rest.lastIndex(of: "/"), let colon = rest[..<slash].lastIndex(of: ":"),
              let port = Int(rest[rest.index(after: colon)..<slash])
        else { return nil }
        host = String(rest[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        self.port = port
        export = String(rest[rest.index(after: slash)...])
        guard !host.isEmpty, !export.isEmpty else { return nil }
    }
}
