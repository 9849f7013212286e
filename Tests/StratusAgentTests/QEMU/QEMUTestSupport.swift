import Foundation
import StratusCore
@testable import StratusAgent

/// A data directory for one test, and what the tests read from the host.
struct QEMUSandbox {
    let dataDirectory = "/tmp/sq-" + UUID().uuidString.prefix(8).lowercased()

    /// The acceleration the whole suite uses: probed once, as a driver would.
    static let acceleration = Task<AccelerationChoice, Never> {
        let directory = "/tmp/sq-probe-" + UUID().uuidString.prefix(8).lowercased()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        guard let driver = try? QEMUDriver(
            configuration: .init(dataDirectory: directory, probeGuest: TestGuest.image, probeTimeout: .seconds(8)),
            images: FixedGuestImage(TestGuest.image))
        else { return AccelerationChoice(acceleration: .tcg, reason: "no driver") }
        return await driver.accelerationInUse()
    }

    func driver(
        readyMarker: String = QEMUDriver.testGuestReadyMarker, bootTimeout: Duration = .seconds(120),
        images: any GuestImageSource = FixedGuestImage(TestGuest.image)
    ) async throws -> QEMUDriver {
        try QEMUDriver(
            configuration: .init(
                dataDirectory: dataDirectory, acceleration: await Self.acceleration.value.acceleration,
                bootTimeout: bootTimeout, powerOffTimeout: .seconds(20), readyMarker: readyMarker),
            images: images)
    }

    func folder(_ id: String) -> QEMUInstanceDirectory {
        QEMUInstanceDirectory(path: dataDirectory + "/instances/" + id)
    }

    func pid(_ id: String) -> Int32? { folder(id).runningPID() }

    /// Every process whose command line names this guest's pid file.
    func processes(_ id: String) -> [Int32] {
        let pidFile = folder(id).pidFile
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { QEMUProcess.isRunning(pid: $0, commandLineContains: pidFile) }
    }

    /// Kills whatever a failed test left running, then removes the folder.
    func cleanUp() {
        let ids = (try? FileManager.default.contentsOfDirectory(atPath: dataDirectory + "/instances")) ?? []
        for id in ids { processes(id).forEach(QEMUProcess.forceKill) }
        try? FileManager.default.removeItem(atPath: dataDirectory)
    }

    static func residentMiB(_ pid: Int32) -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1024
    }
}

/// The numbers of `tick N` lines in a console (CRLF-ended, as a tty writes), in order.
func ticks(_ console: String) -> [Int] {
    console.split(whereSeparator: \.isNewline).compactMap { line in
        line.hasPrefix("tick ") ? Int(line.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines)) : nil
    }
}

/// The hex digits of the guest's `hwrng:` line; nil before it, or when it says none.
func hardwareRandomBytes(_ console: String) -> String? {
    let line = console.split(whereSeparator: \.isNewline).first { $0.hasPrefix("hwrng: ") }
    let digits = line.map { $0.dropFirst(7).trimmingCharacters(in: .whitespacesAndNewlines) }
    return digits.flatMap { $0.allSatisfy(\.isHexDigit) && !$0.isEmpty ? $0 : nil }
}

func occurrences(of marker: String, in text: String) -> Int {
    text.components(separatedBy: marker).count - 1
}

/// Polls `condition` every 100 ms until it holds or `timeout` passes.
func eventually(within timeout: Duration, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(100))
    }
    return try await condition()
}
