import Foundation
import StratusCore
import StratusStore

/// A real SQLite store in a temporary directory, a CA, a clock the test moves,
/// and the enrollment service over them.
final class EnrollmentWorld: Sendable {
    let directory: String
    let store: SQLiteStore
    let clock: SteppedClock
    let authority: MigrationCertificateAuthority
    let service: HostEnrollmentService
    static let owner = HostEnrollmentService.Administrator.dataDirectoryOwner(requestID: "test")

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("stratus-enroll-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = try SQLiteStore(path: directory + "/stratus.sqlite")
        clock = SteppedClock(Date())
        authority = try MigrationCertificateAuthority.create(now: clock.now())
        service = HostEnrollmentService(
            store: store, authority: FixedAuthority(authority: authority),
            policy: try PolicyEngine(defaults: ComputePolicy.defaults), clock: clock)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A fresh token's string.
    func token(ttl: TimeInterval? = nil) async throws -> String {
        try await service.createJoinToken(Self.owner, ttl: ttl, description: "test").tokenString
    }

    static func csr(_ hostName: String = "h") throws -> String {
        try HostCertificateSigningRequest.make(hostName: hostName).csrPEM
    }
}

struct FixedAuthority: HostCertificateAuthoritySource {
    let authority: MigrationCertificateAuthority
    func authority() async throws -> MigrationCertificateAuthority { authority }
}

/// A clock that moves only when a test says so.
final class SteppedClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) {
        current = start
    }

    func now() -> Date {
        lock.withLock { current }
    }

    func advance(by seconds: TimeInterval) {
        lock.withLock { current += seconds }
    }
}
