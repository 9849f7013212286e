import Foundation

/// A `stratus serve` child process on a free port and a throwaway data directory.
final class ServerProcess: @unchecked Sendable {  // used from one task only
    let process: Process
    let baseURL: String
    let adminPassword: String
    let dataDirectory: String

    private init(process: Process, baseURL: String, adminPassword: String, dataDirectory: String) {
        self.process = process
        self.baseURL = baseURL
        self.adminPassword = adminPassword
        self.dataDirectory = dataDirectory
    }

    static func start(binary: String, extraArguments: [String] = []) throws -> ServerProcess {
        let port = Int.random(in: 20_000..<60_000)
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("stratus-bench-\(UUID().uuidString)").path
        let password = UUID().uuidString
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--port", String(port), "--data-dir", directory,
                             "--admin-password", password, "--log-level", "warning"] + extraArguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return ServerProcess(process: process, baseURL: "http://127.0.0.1:\(port)", adminPassword: password,
                             dataDirectory: directory)
    }

    /// VmRSS of the server from /proc, in KiB (0 where /proc is absent).
    func residentKiB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    /// VmHWM: the peak resident set so far, in KiB.
    func peakResidentKiB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: dataDirectory)
    }
}
