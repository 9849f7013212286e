import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starting and ending QEMU processes, and telling whether one still runs.
enum QEMUProcess {
    /// Runs QEMU with `-daemonize`: the command returns once the guest's
    /// process is set up (or failed to be), leaving it a child of init.
    /// posix_spawn rather than Foundation's Process: Process learns of an exit
    /// through a descriptor the child inherits, which the daemon would keep
    /// open for its whole life; and the daemon must inherit none of ours.
    static func startDaemonized(executable: String, arguments: [String], errorLog: String) async throws {
        let pid = try spawn(executable, arguments, errorLog: errorLog)
        let status = await exitStatus(of: pid)
        guard status == 0 else {
            let reason = (try? String(contentsOfFile: errorLog, encoding: .utf8)) ?? ""
            throw DriverError("QEMU failed to start (exit \(status)): \(reason.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }

    private static func spawn(_ executable: String, _ arguments: [String], errorLog: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errorLog, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // Without it (glibc < 2.34) the daemon keeps whatever we did not mark close-on-exec.
        _ = LinuxCalls.addCloseFrom(&actions, 3)
        // The calling thread's blocked signals would be QEMU's: with SIGUSR1
        // blocked its vCPU thread is never kicked and the guest stalls.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        sigfillset(&signals)
        posix_spawnattr_setsigdefault(&attributes, &signals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard result == 0 else { throw DriverError("Cannot run \(executable): \(String(cString: strerror(result)))") }
        return pid
    }

    /// Waits for the child on a thread of its own (waitpid blocks).
    private static func exitStatus(of pid: pid_t) async -> Int32 {
        await withCheckedContinuation { continuation in
            Thread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                // WIFEXITED / WEXITSTATUS, which Swift does not import (macros).
                let exited = status & 0x7f == 0
                continuation.resume(returning: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f))
            }.start()
        }
    }

    /// True while `pid` runs, is not a zombie, and its command line contains
    /// `marker` (the guest's own pid-file path).
    static func isRunning(pid: Int32, commandLineContains marker: String) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")"),
              stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first != "Z",
              let commandLine = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline")
        else { return false }
        let arguments = commandLine.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        return arguments.contains(marker)
    }

    static func forceKill(_ pid: Int32) {
        _ = kill(pid, SIGKILL)
    }

    /// The first `name` on PATH that is executable.
    static func find(_ name: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        for directory in (path ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
