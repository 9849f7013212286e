import Foundation
#if canImport(Glibc)
import Glibc
#endif
import StratusCore
import Testing
@testable import StratusAgent

@Suite("The console log: tail, marker, cap")
struct ConsoleLogTests {
    let path = NSTemporaryDirectory() + "console-\(UUID().uuidString).log"

    func write(_ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func tailReturnsTheLastLines() throws {
        defer { try? FileManager.default.removeItem(atPath: path) }
        try write("one\ntwo\nthree\n")
        let console = ConsoleLog(path: path)
        #expect(console.tail(lines: 2) == "two\nthree\n")
        #expect(console.tail(lines: 0) == "")
        #expect(console.tail(lines: nil) == "one\ntwo\nthree\n")
        #expect(console.tail(lines: nil, maxBytes: 6) == "three\n")
        #expect(console.tail(lines: 9) == "one\ntwo\nthree\n")
    }

    @Test func tailCutsTheCRLFLinesATTYWrites() throws {
        defer { try? FileManager.default.removeItem(atPath: path) }
        try write("tick 1\r\ntick 2\r\ntick 3")
        #expect(ConsoleLog(path: path).tail(lines: 2) == "tick 2\r\ntick 3")
    }

    @Test func markerCountsOnlyAfterTheOffset() throws {
        defer { try? FileManager.default.removeItem(atPath: path) }
        try write("boot\nSTRATUS-GUEST-READY\ntick 1\n")
        let console = ConsoleLog(path: path)
        #expect(console.contains("STRATUS-GUEST-READY", after: 0))
        #expect(!console.contains("STRATUS-GUEST-READY", after: 6))
        #expect(!ConsoleLog(path: path + ".missing").contains("x", after: 0))
    }

    @Test func capDropsTheFrontWhileAnAppendingWriterGoesOn() throws {
        defer { try? FileManager.default.removeItem(atPath: path) }
        let lines = (1...40_000).map { "tick \($0)\n" }.joined()
        try write(lines)
        let writer = open(path, O_WRONLY | O_APPEND)  // as QEMU's append=on chardev writes
        #expect(writer >= 0)
        defer { close(writer) }
        let console = ConsoleLog(path: path)
        let before = console.size
        console.cap(at: 100_000)
        #expect(console.size < 100_000)
        #expect(console.size >= 50_000 - 4096)
        let line = Array("after cap\n".utf8)
        #expect(line.withUnsafeBytes { Glibc.write(writer, $0.baseAddress, $0.count) } == line.count)
        #expect(console.tail(lines: 2) == "tick 40000\nafter cap\n")
        #expect(before > 100_000)
    }
}

@Suite("The console history of a live-migrated guest")
struct ConsoleHistoryFileTests {
    let directory = QEMUInstanceDirectory(path: NSTemporaryDirectory() + "history-\(UUID().uuidString)")

    func writeLog(_ text: String) throws {
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: directory.consoleLog))
    }

    @Test func theHistoryIsReadBeforeWhatQEMUWroteHere() throws {
        defer { try? FileManager.default.removeItem(atPath: directory.path) }
        try writeLog("tick 3\r\ntick 4\r\n")  // the destination's QEMU wrote these before the history came
        #expect(directory.console.tail(lines: nil) == "tick 3\r\ntick 4\r\n", "no history yet: the log alone")
        try directory.setConsoleHistory(ConsoleHistory("STRATUS-GUEST-READY\r\ntick 1\r\ntick 2\r\n"))
        let console = directory.console
        #expect(console.tail(lines: nil) == "STRATUS-GUEST-READY\r\ntick 1\r\ntick 2\r\ntick 3\r\ntick 4\r\n")
        #expect(console.tail(lines: 3) == "tick 2\r\ntick 3\r\ntick 4\r\n", "lines reach across the two files")
        #expect(console.tail(lines: nil, maxBytes: 24) == "tick 2\r\ntick 3\r\ntick 4\r\n", "so does the byte limit")
        #expect(console.tail(lines: nil, maxBytes: 8) == "tick 4\r\n", "the log alone fills it")
        #expect(!console.contains("STRATUS-GUEST-READY", after: 0), "boot markers look at QEMU's file only")
    }

    @Test func aRepeatKeepsOneCopyAndEmptyMeansNone() throws {
        defer { try? FileManager.default.removeItem(atPath: directory.path) }
        try writeLog("after\n")
        let history = ConsoleHistory("before\n")
        try directory.setConsoleHistory(history)
        try directory.setConsoleHistory(history)
        #expect(directory.console.tail(lines: nil) == "before\nafter\n")
        try directory.setConsoleHistory(.empty)
        #expect(!FileManager.default.fileExists(atPath: directory.consoleHistory))
        #expect(directory.console.tail(lines: nil) == "after\n")
    }

    @Test func capLeavesTheHistoryAlone() throws {
        defer { try? FileManager.default.removeItem(atPath: directory.path) }
        try writeLog((1...40_000).map { "tick \($0)\n" }.joined())
        try directory.setConsoleHistory(ConsoleHistory("before\n"))
        directory.console.cap(at: 100_000)
        #expect(ConsoleLog(path: directory.consoleLog).size < 100_000)
        #expect(try String(contentsOfFile: directory.consoleHistory, encoding: .utf8) == "before\n")
        #expect(directory.console.tail(lines: 1) == "tick 40000\n")
    }
}

@Suite("Choosing the acceleration")
struct AccelerationProbeTests {
    let directory = QEMUInstanceDirectory(path: NSTemporaryDirectory() + "probe-\(UUID().uuidString)")

    @Test func noDeviceMeansTCG() async {
        let probe = AccelerationProbe(
            executable: "/bin/false", probeGuest: GuestImage(kernel: "/k"), timeout: .seconds(1),
            readyMarker: "READY", directory: directory, kvmDevice: "/nonexistent/kvm")
        #expect(await probe.choose().acceleration == .tcg)
    }

    @Test func anUnverifiedDeviceIsNotTrusted() async throws {
        let device = NSTemporaryDirectory() + "fake-kvm-\(UUID().uuidString)"
        try Data().write(to: URL(fileURLWithPath: device))
        defer { try? FileManager.default.removeItem(atPath: device) }
        let untested = AccelerationProbe(
            executable: "/bin/false", probeGuest: nil, timeout: .seconds(1), readyMarker: "READY",
            directory: directory, kvmDevice: device)
        #expect(await untested.choose() == AccelerationChoice(acceleration: .tcg, reason: "\(device) present but no probe guest to verify it"))
        let failing = AccelerationProbe(
            executable: "/bin/false", probeGuest: GuestImage(kernel: "/k"), timeout: .seconds(1), readyMarker: "READY",
            directory: directory, kvmDevice: device)
        #expect(await failing.choose().acceleration == .tcg)
        #expect(!FileManager.default.fileExists(atPath: directory.path))
    }
}
