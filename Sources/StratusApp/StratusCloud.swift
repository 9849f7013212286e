import Foundation
import Hummingbird
import Logging
import StratusAgent
import StratusCore
import StratusOpenStack
import StratusStore

/// The composition root: one store, the use cases over it, and the HTTP
/// routes in front of them. Everything a process needs, built once.
public struct StratusCloud: Sendable {
    public let configuration: StratusConfiguration
    public let baseURL: String
    public let store: SQLiteStore
    public let identity: IdentityService
    public let compute: ComputeService
    public let images: ImageService
    public let keyManager: KeyManagerService
    public let network: NetworkService
    public let volumes: VolumeService
    /// Remote compute hosts' join tokens, enrollment and credentials.
    public let enrollment: HostEnrollmentService
    public let catalog: ServiceCatalog
    public let bootstrap: BootstrapOutcome
    /// The in-process hosts register their drivers here for console reads.
    public let consoles: LocalGuestConsoles
    /// Requests for remote hosts (console reads), taken by their agents' long polls.
    public let hostRequests: HostRequestBroker
    /// A generated admin password no start has shown yet (first start, or one that failed after it).
    public let generatedAdminPassword: String?
    /// What this start found and made, for the start summary.
    public let startReport: StartReport
    /// The public `stratus-test-image` made on the first start; nil once deleted.
    public let testImageID: String?

    public var identityURL: String { baseURL + "/identity" }

    /// Opens (and on first start bootstraps) the cloud for a known port.
    /// `bootImages` replaces the image service as compute's image source (tests).
    public static func open(
        _ configuration: StratusConfiguration, port: Int, bootImages: (any BootImageSource)? = nil,
        logger: Logger = Logger(label: "stratus")
    ) async throws -> StratusCloud {
        try PrivateDataDirectory.prepare(configuration)
        let store = try SQLiteStore(path: configuration.databasePath)
        let overrides = try configuration.policyFile.map(PolicyFile.load) ?? [:]
        let defaults = IdentityPolicy.defaults
            .merging(ComputePolicy.defaults(migration: configuration.migrationPolicy)) { identity, _ in identity }
            .merging(ImagePolicy.defaults) { earlier, _ in earlier }
            .merging(KeyManagerPolicy.defaults) { earlier, _ in earlier }
            .merging(NetworkPolicy.defaults) { earlier, _ in earlier }
            .merging(VolumePolicy.defaults) { earlier, _ in earlier }
        let policy = try PolicyEngine(defaults: defaults, overrides: overrides)
        let identity = IdentityService(
            store: store, policy: policy, hasher: PasswordHasher(rounds: configuration.passwordRounds),
            settings: .init(
                tokenLifetime: configuration.tokenLifetime, adminScope: configuration.adminScope,
                lockout: configuration.loginLockout, loginRate: configuration.loginRate),
            hashingPool: DedicatedWorkPool(threads: configuration.hashingThreads, queueLimit: configuration.hashingQueueLimit))

        let (outcome, generated) = try await AdminCredentials.settle(configuration, identity: identity, logger: logger)
        var report = StartReport(firstStart: outcome.performed)
        let images = ImageService(
            store: store, data: try FileImageDataStore(directory: configuration.imageDirectory), policy: policy,
            settings: ImageSettings(trust: configuration.imageTrust, sizeLimit: configuration.imageSizeLimit),
            certificates: store)
        // Before serving: uploads a crash cut off go back to queued, debris goes.
        _ = try await images.recoverInterruptedUploads()
        let testImageID = try await images.bootstrapTestImage(ownerProjectID: outcome.adminProjectID)
        if testImageID != nil { report.images.append("stratus-test-image") }
        if configuration.hostDriver == .qemu {
            if try await importTestGuest(configuration, images: images, ownerProjectID: outcome.adminProjectID) != nil {
                report.images.append("stratus-test-guest (with its kernel and ramdisk)")
            }
        }
        let network = NetworkService(store: store, policy: policy)
        if outcome.performed, let cidr = configuration.sharedNetworkCIDR {
            _ = try await network.bootstrapSharedNetwork(ownerProjectID: outcome.adminProjectID, cidr: cidr)
        }
        report.sharedSubnet = try await network.sharedBootstrapSubnet()?.cidr
        if configuration.hostDriver == .qemu, let bridge = try configuration.qemuGuestBridge() {
            report.guestBridge = (bridge.name, try await makeGuestBridge(bridge, network: network))
        }
        let volumes = VolumeService(store: store, policy: policy)
        let baseURL = configuration.baseURL(port: port)
        let hostRequests = HostRequestBroker(answerTimeout: configuration.hostRequestTimeout)
        // Without a host listener no remote host can answer: refuse at once.
        let consoles = LocalGuestConsoles(
            remote: configuration.hostListener == nil
                ? NoGuestConsoles() : RemoteGuestConsoles(broker: hostRequests, logger: logger))
        return StratusCloud(
            configuration: configuration, baseURL: baseURL, store: store, identity: identity,
            compute: ComputeService(
                store: store, policy: policy, images: bootImages ?? images,
                settings: ComputeSettings(imageBoot: configuration.imageBoot, migration: configuration.migrationPolicy), consoles: consoles, snapshots: images,
                networking: network, volumes: volumes),
            images: images, keyManager: KeyManagerService(
                store: store, policy: policy, sharedCertificateIDs: configuration.imageBoot.trustedCertificateIDs), network: network, volumes: volumes,
            enrollment: HostEnrollmentService(
                store: store, authority: DataDirectoryCertificateAuthority(dataDirectory: configuration.dataDirectory),
                policy: policy),
            catalog: .standard(publicURL: baseURL), bootstrap: outcome, consoles: consoles, hostRequests: hostRequests,
            generatedAdminPassword: generated, startReport: report, testImageID: testImageID)
    }

    /// Every route, behind request ids, the access log and API-shaped errors.
    public func router() -> Router<OpenStackRequestContext> {
        let router = Router(context: OpenStackRequestContext.self)
        if configuration.usesTLS { router.add(middleware: StrictTransportSecurityMiddleware()) }
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: AccessLogMiddleware())
        router.add(middleware: ErrorMiddleware(identityURL: identityURL))
        IdentityFront(identity: identity, catalog: catalog, identityURL: identityURL).register(on: router)
        ComputeFront(
            identity: identity, compute: compute, images: images, network: network, volumes: volumes,
            enrollment: enrollment, computeURL: baseURL + "/compute",
            imageURL: baseURL + "/image"
        ).register(on: router)
        ImageFront(identity: identity, images: images, imageURL: baseURL + "/image").register(on: router)
        KeyManagerFront(identity: identity, keyManager: keyManager, keyManagerURL: baseURL + "/key-manager")
            .register(on: router)
        NetworkFront(identity: identity, network: network, networkURL: baseURL + "/network").register(on: router)
        BlockStorageFront(identity: identity, volumes: volumes, volumeURL: baseURL + "/volume").register(on: router)
        return router
    }
}

/// The QEMU driver's hosts boot the test guest: its kernel, ramdisk and machine
/// images are made on the first start (see `ImageService.bootstrapGuestImages`).
private func importTestGuest(
    _ configuration: StratusConfiguration, images: ImageService, ownerProjectID: String
) async throws -> String? {
    let kernel = configuration.testGuestDirectory + "/vmlinuz"
    let ramdisk = configuration.testGuestDirectory + "/initrd.gz"
    guard FileManager.default.fileExists(atPath: kernel), FileManager.default.fileExists(atPath: ramdisk) else {
        throw ConfigurationError(
            "--driver qemu needs the test guest in \(configuration.testGuestDirectory): run scripts/build-test-guest.sh")
    }
    return try await images.bootstrapGuestImages(
        ownerProjectID: ownerProjectID, kernel: try .local(kernel), ramdisk: try .local(ramdisk))
}

/// `--guest-bridge`: the bridge QEMU guests' NICs join, addressed with the shared
/// subnet's gateway so this machine reaches its guests (made once, kept across restarts).
private func makeGuestBridge(_ bridge: QEMUGuestBridge, network: NetworkService) async throws -> GuestBridgeSetup.Origin {
    let subnet = try await network.sharedBootstrapSubnet()
    do {
        return try await GuestBridgeSetup.ensure(
            bridge, gateway: subnet?.gatewayIP, prefixLength: subnet?.range?.prefixLength ?? 32)
    } catch let error as DriverError {
        throw ConfigurationError(error.message)
    }
}

enum AdminPassword {
    /// 32 hex digits (128 bits): no character a shell or an option parser
    /// would read specially, so it can be pasted into `--os-password`.
    static func generate() -> String {
        SystemIdentifierSource().randomBytes(16).map { String(format: "%02x", $0) }.joined()
    }
}
