import Foundation
import StratusStore

/// A real SQLiteStore in a fresh temporary directory, removed when the owner
/// (one test's suite instance) goes away.
final class TemporaryStore: Sendable {
    let directory: URL
    let path: String
    let store: SQLiteStore

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("stratus-store-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("stratus.sqlite").path
        store = try SQLiteStore(path: path)
    }

    /// A second store on the same file, as another process would open it.
    func reopen() throws -> SQLiteStore {
        try SQLiteStore(path: path)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }
}
