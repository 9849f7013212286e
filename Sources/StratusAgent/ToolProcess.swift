import Foundation

/// A short-lived host tool (`qemu-img`, `genisoimage`): run to completion, its
/// output kept for the caller or for the error. Not for QEMU itself, which
/// must not inherit our descriptors (see `QEMUProcess`).
enum ToolProcess {
    struct Result: Sendable {
        var status: Int32
        var output: String
    }

    /// Runs `executable`; a non-zero exit is an error naming the tool and its output.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) async throws -> String {
        let result = try await status(executable, arguments)
        guard result.status == 0 else {
            let name = URL(fileURLWithPath: executable).lastPathComponent
            throw DriverError("\(name) failed (exit \(result.status)): \(result.output.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return result.output
    }

    /// Stdout and stderr together, read on a thread of its own until the tool exits.
    static func status(_ executable: String, _ arguments: [String]) async throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        return await withCheckedContinuation { continuation in
            Thread {
                // Read to the end first: a tool blocked on a full pipe would never exit.
                let output = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: Result(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self)))
            }.start()
        }
    }
}
