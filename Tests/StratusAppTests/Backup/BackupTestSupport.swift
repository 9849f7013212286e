import Crypto
import Foundation
import Logging
import StratusApp
import StratusOpenStack
import Synchronization
import Testing

/// A temporary folder a backup test keeps its data directories and backups in.
final class BackupScratch: Sendable {
    let root: String

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("stratus-backup-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { root + "/" + name }

    deinit { try? FileManager.default.removeItem(atPath: root) }
}

/// Lines written by a backup's progress or a logger, in order.
final class Lines: Sendable {
    private let storage = Mutex<[String]>([])
    func append(_ line: String) { storage.withLock { $0.append(line) } }
    var all: [String] { storage.withLock { $0 } }
}

/// A logger that keeps what it is told (level, message, metadata).
struct CapturingLogHandler: LogHandler {
    let lines: Lines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    func log(event: LogEvent) {
        let fields = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        lines.append("\(event.level) \(event.message) [\(fields.joined(separator: " "))]")
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    static func logger(into lines: Lines) -> Logger {
        Logger(label: "stratus-test") { _ in CapturingLogHandler(lines: lines) }
    }
}

enum BackupTest {
    static func backup(_ data: String, to destination: String, lines: Lines = Lines()) async throws -> BackupManifest {
        try await ControlPlaneBackup(dataDirectory: data, destination: destination).run { lines.append($0) }
    }

    static func restore(_ backup: String, into data: String, lines: Lines = Lines()) async throws -> BackupManifest {
        try await ControlPlaneRestore(backup: backup, dataDirectory: data).run { lines.append($0) }
    }

    /// Paths under `root` (itself included) that are not private: every folder
    /// must be 0700 and every file 0600.
    static func unprivate(under root: String) throws -> [String] {
        var wrong: [String] = []
        for path in [""] + (try FileManager.default.subpathsOfDirectory(atPath: root)) {
            let attributes = try FileManager.default.attributesOfItem(atPath: root + "/" + path)
            let mode = try #require(attributes[.posixPermissions] as? Int)
            let expected = attributes[.type] as? FileAttributeType == .typeDirectory ? 0o700 : 0o600
            if mode != expected { wrong.append("\(path.isEmpty ? root : path) \(String(mode, radix: 8))") }
        }
        return wrong
    }

    static func md5(_ bytes: [UInt8]) -> String {
        Insecure.MD5.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}

extension TestCloud {
    /// Every id a list answers with under `key` (`projects`, `servers`, …).
    func ids(_ path: String, key: String, token: String) async throws -> Set<String> {
        let reply = try await send(.get, path, token: token)
        try #require(reply.status == .ok, "\(path): \(reply.status) \(String(describing: reply.json))")
        return Set(try #require(reply.json?[key]?.arrayValue).compactMap { $0["id"]?.stringValue })
    }

    /// Creates a server of flavor 1 from the cloud's own test image; returns its id.
    func createServer(_ name: String, token: String) async throws -> String {
        let image = try #require(cloud.testImageID)
        let reply = try await send(.post, "/compute/v2.1/servers", token: token, json: [
            "server": ["name": .string(name), "imageRef": .string(image), "flavorRef": "1"],
        ])
        try #require(reply.status == .accepted, "create \(name): \(reply.status) \(String(describing: reply.json))")
        return try #require(reply.json?["server"]?["id"]?.stringValue)
    }

    /// Lifts a project's compute quotas out of a test's way.
    func raiseQuotas(projectID: String, adminToken: String) async throws {
        let reply = try await send(.put, "/compute/v2.1/os-quota-sets/\(projectID)", token: adminToken, json: [
            "quota_set": ["instances": 200, "cores": 400, "ram": 409600],
        ])
        try #require(reply.status == .ok, "quota: \(reply.status) \(String(describing: reply.json))")
    }
}

/// A value a `@Sendable` test body hands back out.
final class Box<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>
    init(_ value: Value) { storage = Mutex(value) }
    var value: Value { storage.withLock { $0 } }
    func set(_ value: Value) { storage.withLock { $0 = value } }
}
