import Foundation
import Logging
import ServiceLifecycle
import StratusAgent
import StratusCore

/// `stratus agent`: one compute host as its own process. It enrolls on its first
/// start (join token + CSR → certificate from the cloud's CA), then runs its
/// reconciler against the controller over the host protocol until SIGINT or
/// SIGTERM. Its guests outlive it: a restarted agent finds them from its driver
/// and re-adopts them; while the controller is away they keep running and the
/// agent retries each pass.
public enum AgentProcess {
    public static func run(_ configuration: AgentConfiguration, logger: Logger) async throws {
        try PrivateDataDirectory.makeDirectory(configuration.dataDirectory)
        let lock = try DataDirectoryLock(directory: configuration.dataDirectory)
        let caPEM = try String(contentsOfFile: configuration.caCertificatePath, encoding: .utf8)
        let credentials = try await enrolledCredentials(configuration, caPEM: caPEM, logger: logger)
        let client = try HostLinkClient(controller: configuration.controller, caCertificatePEM: caPEM, credentials: credentials)
        let (host, driver) = try await makeHost(configuration, client: client, credentials: credentials, logger: logger)
        let agent = HostAgent(
            host: host, driver: driver,
            controlPlane: RemoteControlPlane(client: client, agentVersion: StratusVersion.current),
            heartbeatInterval: configuration.heartbeatInterval, resyncInterval: configuration.heartbeatInterval)
        logger.notice("stratus agent \(host.name) (\(driver.kind)) reporting to \(configuration.controller)")
        let group = ServiceGroup(
            configuration: .init(
                services: [
                    .init(service: HostAgentService(agents: [agent], logger: logger)),
                    .init(service: HostRequestService(server: HostRequestServer(client: client, driver: driver), logger: logger)),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        withExtendedLifetime(lock) {}
    }

    /// The stored certificate, or a new one from enrolling with the join token.
    static func enrolledCredentials(_ configuration: AgentConfiguration, caPEM: String, logger: Logger) async throws -> HostLinkClient.Credentials {
        let folder = AgentCredentialsFolder(dataDirectory: configuration.dataDirectory)
        if let stored = try folder.load() { return stored }
        guard let token = configuration.joinToken else {
            throw ConfigurationError("\(folder.path) holds no certificate yet: the first start needs --join-token (stratus admin join-token create)")
        }
        let credentials = try await AgentEnrollment.enroll(
            controller: configuration.controller, caCertificatePEM: caPEM, joinToken: token, hostName: configuration.hostName)
        try folder.store(credentials)
        logger.notice("enrolled as \(configuration.hostName); certificate kept in \(folder.path)")
        return credentials
    }

    static func makeHost(
        _ configuration: AgentConfiguration, client: HostLinkClient, credentials: HostLinkClient.Credentials, logger: Logger
    ) async throws -> (ComputeHost, any HypervisorDriver) {
        let name = configuration.hostName
        var host = ComputeHost(
            id: name, name: name, availabilityZone: configuration.availabilityZone, lastHeartbeat: Date(),
            capacity: SimulatedHosts.capacity,
            supportedInstances: [SupportedInstance(architecture: "x86_64", hypervisorType: "fake", vmMode: "hvm")],
            traits: HostTraits(hasHardwareRNG: true, liveMigration: MigrationEndpoint(address: configuration.migrationAddress ?? name)))
        switch configuration.driver {
        case .simulated:
            return (host, SimulatedDriver(address: configuration.migrationAddress ?? name))
        case .qemu:
            let folder = configuration.dataDirectory + "/qemu"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let images = CachedGuestImages(cache: ImageCache(directory: folder + "/image-cache", fetcher: RemoteImageFetcher(client: client)))
            var migration: QEMUMigrationSettings?
            if let address = configuration.migrationAddress {
                let settings = QEMUMigrationSettings(
                    address: address, transport: configuration.migrationTransport, pkiDirectory: folder + "/pki")
                if settings.transport == .tls {
                    do {
                        try await AgentMigrationCredentials.refresh(
                            client: client, credentials: credentials, address: address, into: settings.pkiDirectory)
                    } catch where FileManager.default.fileExists(atPath: settings.pkiDirectory + "/server-cert.pem") {
                        // The controller is away: the guests here must not wait for it.
                        logger.warning("migration certificates not renewed, the last ones stay in use: \(error)")
                    }
                }
                migration = settings
            }
            host.supportedInstances = [SupportedInstance(architecture: "x86_64", hypervisorType: "qemu", vmMode: "hvm")]
            host.traits.hasHardwareRNG = HostProbe.localHardwareRNG()
            host.capacity = HostProbe.localCapacity(dataDirectory: folder)
            host.traits.liveMigration = migration?.endpoint
            let bridge = try configuration.guestBridge.map { name in
                guard let bridge = QEMUGuestBridge(name: name) else { throw ConfigurationError("--guest-bridge \(name): no ip tool (iproute2) on this machine") }
                return bridge
            }
            let guest = configuration.testGuestDirectory
            let driver = try QEMUDriver(
                configuration: .init(
                    dataDirectory: folder,
                    probeGuest: guest.map { GuestImage(kernel: $0 + "/vmlinuz", initrd: $0 + "/initrd.gz") },
                    migration: migration, guestBridge: bridge),
                images: images)
            return (host, driver)
        }
    }
}
