import Foundation
import Testing

@testable import StratusApp

/// Issue 16's first report: a second `stratus serve` on the same data directory
/// started, and its hosts marked themselves up inside the first one's cloud.
@Suite("One stratus per data directory")
struct DataDirectoryLockTests {
    @Test func aSecondHolderIsRefusedWithTheFirstsPidUntilItLetsGo() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stratus-lock-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }

        var first: DataDirectoryLock? = try DataDirectoryLock(directory: directory)
        #expect(first != nil)
        do {
            _ = try DataDirectoryLock(directory: directory)
            Issue.record("a second lock on \(directory) was granted")
        } catch let held as DataDirectoryLock.Held {
            #expect(held.holder == "pid \(ProcessInfo.processInfo.processIdentifier)")
            #expect(held.description.contains("--data-dir"))
        }
        first = nil  // the process that held it ended
        _ = try DataDirectoryLock(directory: directory)
    }
}
