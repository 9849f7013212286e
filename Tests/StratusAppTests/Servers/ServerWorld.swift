import Foundation
import StratusAgent
import StratusApp
import StratusCore
import StratusStore
import Testing

/// Compute use cases over a real SQLite store, with real agents on simulated
/// drivers, stepped by hand: every test decides when the scheduler and the
/// agents run, so each intermediate state can be checked.
final class ServerWorld: Sendable {
    static let imageID = "70a599e0-31e7-49b7-b260-868f441e862b"
    let directory: URL
    let store: SQLiteStore
    let compute: ComputeService
    let volumes: VolumeService
    let drivers: [SimulatedDriver]
    let agents: [HostAgent]

    convenience init(
        hosts: Int = 1, quotas: QuotaSet = .novaDefaults, images: [Image]? = nil,
        migration: MigrationPolicy = .administrators, strayGuests: StrayGuestPolicy = .adopt
    ) async throws {
        try await self.init(
            hostList: SimulatedHosts.make(count: hosts), quotas: quotas, images: images, migration: migration,
            strayGuests: strayGuests)
    }

    init(
        hostList: [ComputeHost], quotas: QuotaSet = .novaDefaults, images: [Image]? = nil,
        snapshots: any SnapshotImageSink = NoSnapshotImages(), migration: MigrationPolicy = .administrators,
        strayGuests: StrayGuestPolicy = .adopt
    ) async throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("stratus-servers-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try SQLiteStore(path: directory.appendingPathComponent("stratus.sqlite").path)
        let source = FixedImages(images ?? [Image(
            id: Self.imageID, name: "test", status: .active, visibility: .public, owner: "P-admin",
            containerFormat: "bare", diskFormat: "raw", size: 1024)])
        volumes = VolumeService(store: store, policy: try PolicyEngine(defaults: VolumePolicy.defaults))
        compute = ComputeService(
            store: store, policy: try PolicyEngine(defaults: ComputePolicy.defaults(migration: migration)), images: source,
            settings: ComputeSettings(defaultQuotas: quotas, migration: migration), snapshots: snapshots, volumes: volumes)
        let controlPlane = InProcessControlPlane(compute: compute, volumes: volumes, strayGuests: strayGuests)
        // Each world its own migration network: parallel tests reuse host names.
        let network = SimulatedMigrationNetwork()
        drivers = hostList.map { SimulatedDriver(address: $0.name, network: network) }
        agents = zip(hostList, drivers).map { HostAgent(host: $0, driver: $1, controlPlane: controlPlane) }
        for host in hostList { try await compute.registerHost(host) }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// One scheduler pass, then one pass of every agent.
    func converge(passes: Int = 2) async throws {
        for _ in 0..<passes {
            try await compute.scheduleUnplaced()
            try await compute.scheduleMigrations()
            for agent in agents {
                try await agent.reconcile { error in Issue.record("agent error: \(error)") }
            }
        }
    }

    func create(_ caller: Caller, name: String = "vm", flavor: String = "1", count: Int = 1) async throws -> Instance {
        try await compute.createServers(
            caller, ServerDraft(name: name, imageRef: Self.imageID, flavorRef: flavor, minCount: count, maxCount: count)
        ).instances[0]
    }

    func instance(_ id: String) async throws -> Instance {
        try #require(try await store.instance(id: id))
    }

    func driver(_ hostID: String?) -> SimulatedDriver {
        drivers[agents.firstIndex { $0.host.id == hostID } ?? 0]
    }

    func guests() async throws -> [String: PowerState] {
        var all: [String: PowerState] = [:]
        for driver in drivers { all.merge(try await driver.observedGuests()) { first, _ in first } }
        return all
    }

    // MARK: Callers

    static let domain = Domain(id: "default", name: "Default")

    static func caller(user: String, project: String, roles: [String], request: String = UUID().uuidString) -> Caller {
        let auth = AuthContext(
            token: TokenRecord(
                secretHash: "h-\(user)", userID: user, scope: .project(project), methods: ["password"],
                auditID: "a", issuedAt: .distantPast, expiresAt: .distantFuture),
            user: User(id: user, name: user, domainID: "default"), userDomain: domain,
            project: Project(id: project, name: project, domainID: "default"), projectDomain: domain,
            roles: roles.map { Role(id: "R-\($0)", name: $0) })
        var scoped = auth
        scoped.isAdminProject = project == "P-admin"  // the designated admin project of these worlds
        return Caller(auth: scoped, requestID: "req-" + request)
    }

    static var admin: Caller { caller(user: "admin", project: "P-admin", roles: ["admin", "member", "reader"]) }
    static var demo: Caller { caller(user: "demo", project: "P-demo", roles: ["member", "reader"]) }
    static var other: Caller { caller(user: "other", project: "P-other", roles: ["member", "reader"]) }
}

struct FixedImages: BootImageSource {
    let images: [Image]
    init(_ images: [Image]) { self.images = images }
    func bootImage(id: String) async throws -> Image? { images.first { $0.id == id } }
    func bootImageMembership(imageID: String, projectID: String) async throws -> ImageMember? { nil }
}

/// The error a use case threw, for `#expect(throws:)` style checks by value.
func computeError(_ body: () async throws -> Void) async -> ComputeError? {
    do {
        try await body()
        return nil
    } catch let error as ComputeError {
        return error
    } catch {
        Issue.record("unexpected error type: \(error)")
        return nil
    }
}
