import Foundation
import StratusCore
import StratusStore
import Synchronization
import Testing

/// An ImageService over a real SQLiteStore and a real file data store in a
/// temporary directory, with a manual clock and synthetic callers.
struct ImageWorld {
    let temp: TemporaryStore
    let clock = ManualClock()
    let data: FileImageDataStore
    let service: ImageService
    var store: SQLiteStore { temp.store }
    var imageDirectory: URL { temp.directory.appendingPathComponent("images") }

    init(trust: ImageTrustPolicy = .publicCloud, sizeLimit: Int64 = 1 << 20) throws {
        temp = try TemporaryStore()
        data = try FileImageDataStore(directory: temp.directory.appendingPathComponent("images").path)
        service = ImageService(
            store: temp.store, data: data, policy: try PolicyEngine(defaults: ImagePolicy.defaults),
            settings: ImageSettings(trust: trust, sizeLimit: sizeLimit, maxMembers: 3), clock: clock)
    }

    /// Another service over the same store and directory, as after a restart.
    func restarted() throws -> ImageService {
        ImageService(
            store: store, data: try FileImageDataStore(directory: imageDirectory.path),
            policy: try PolicyEngine(defaults: ImagePolicy.defaults), clock: clock)
    }

    func files() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: imageDirectory.path).sorted()
    }

    func image(_ id: String) async throws -> Image {
        try #require(try await store.image(id: id))
    }

    /// A queued raw image owned by `caller`'s project.
    func queuedImage(_ caller: Caller = owner, name: String = "disk") async throws -> Image {
        try await service.createImage(caller, ImageDraft(fields: [
            "name": .string(name), "disk_format": .string("raw"), "container_format": .string("bare"),
        ]))
    }

    // MARK: Callers

    static let domain = Domain(id: "default", name: "Default")

    static func caller(project: String, roles: [String], user: String? = nil) -> Caller {
        let user = user ?? "U-\(project)"
        let auth = AuthContext(
            token: TokenRecord(
                secretHash: "h-\(user)", userID: user, scope: .project(project), methods: ["password"],
                auditID: "a", issuedAt: .distantPast, expiresAt: .distantFuture),
            user: User(id: user, name: user, domainID: "default"), userDomain: domain,
            project: Project(id: project, name: project, domainID: "default"), projectDomain: domain,
            roles: roles.map { Role(id: "R-\($0)", name: $0) })
        var scoped = auth
        scoped.isAdminProject = project == "P-admin"  // the designated admin project of these worlds
        return Caller(auth: scoped, requestID: "req-\(UUID().uuidString)")
    }

    static let owner = caller(project: "P-owner", roles: ["member", "reader"])
    static let other = caller(project: "P-other", roles: ["member", "reader"])
    static let consumer = caller(project: "P-member", roles: ["member", "reader"])
    static let admin = caller(project: "P-admin", roles: ["admin", "member", "reader"])
}

/// Upload bodies: whole, or breaking off after some chunks as a dropped
/// connection does.
enum Uploads {
    static func bytes(_ count: Int, seed: UInt8 = 7) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) }
    }

    static func chunks(_ bytes: [UInt8], size: Int = 1000) -> ImageDataChunks {
        ImageDataChunks(stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min($0 + size, bytes.count)]) })
    }

    struct ConnectionLost: Error {}

    /// `count` chunks of `size` bytes, then the connection is lost.
    static func breakingOff(after count: Int, size: Int = 1000) -> ImageDataChunks {
        let sent = Mutex(0)
        return ImageDataChunks {
            let index = sent.withLock { value in defer { value += 1 }; return value }
            guard index < count else { throw ConnectionLost() }
            return [UInt8](repeating: 0xAB, count: size)
        }
    }

    static func collect(_ chunks: ImageDataChunks) async throws -> [UInt8] {
        var all: [UInt8] = []
        for try await chunk in chunks { all += chunk }
        return all
    }
}

/// The ImageError a call threw, or nil.
func imageError(_ body: () async throws -> Void) async -> ImageError? {
    do {
        try await body()
        return nil
    } catch let error as ImageError {
        return error
    } catch {
        Issue.record("unexpected error: \(error)")
        return nil
    }
}
