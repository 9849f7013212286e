import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOSSL
import ServiceLifecycle
import StratusAgent
import StratusCore

/// Runs a cloud as an HTTP(S) server with its background services until
/// SIGINT or SIGTERM.
public enum StratusServer {
    /// The start's order is the operator's safety: the data directory's lock,
    /// then the API's address, and only then the database and the hosts, so a
    /// second serve or a busy port fails at once and changes nothing.
    public static func run(_ configuration: StratusConfiguration, logger: Logger) async throws {
        try PrivateDataDirectory.makeDirectory(configuration.dataDirectory)
        let lock = try DataDirectoryLock(directory: configuration.dataDirectory)
        let reservation = try ListenerReservation(host: configuration.host, port: configuration.port)
        let cloud = try await StratusCloud.open(configuration, port: reservation.port, logger: logger)
        let hosts = try InProcessHosts.make(cloud)
        // The host listener's address is claimed as the API's is: a busy --host-listen
        // fails the start; without one, this process's own hosts get a loopback port.
        let hostReservation = try configuration.hostListener.map { try ListenerReservation(host: $0.host, port: $0.port) }
            ?? (hosts.isEmpty ? nil : try ListenerReservation(host: "127.0.0.1", port: 0))
        let hostListener = hostReservation.map {
            HostListenerAddress(host: $0.host, port: $0.port, extraNames: configuration.hostListener?.extraNames ?? [])
        }
        let settings = EffectiveConfiguration(configuration, listeningPort: reservation.port)
        try settings.write(into: configuration.dataDirectory)
        let application = try await makeApplication(
            cloud, hosts: hosts, port: reservation.port, hostListener: hostListener, logger: logger
        ) {
            let summary = StartSummary(
                cloud: cloud, settings: settings, hosts: hosts.map(\.0),
                acceleration: await StartSummary.acceleration(of: hosts.map(\.1)))
            // Unbuffered, so the instructions show up even when stdout is a file.
            FileHandle.standardOutput.write(Data((summary.text + "\n\n" + ClientInstructions(cloud: cloud).text + "\n").utf8))
            do {
                try AdminCredentials(dataDirectory: configuration.dataDirectory).shown()
            } catch {
                logger.error("the generated admin password was shown but its file stays: \(error)")
            }
        }
        try await application.runService()
        await removeGuestBridge(cloud, logger: logger)
        withExtendedLifetime((lock, reservation, hostReservation)) {}
    }

    /// Tests' and benchmarks' entry: the cloud's own hosts.
    public static func makeApplication(
        _ cloud: StratusCloud, port: Int, logger: Logger, onRunning: @escaping @Sendable () async -> Void = {}
    ) async throws -> some ApplicationProtocol {
        let hosts = try InProcessHosts.make(cloud)
        var listener = cloud.configuration.hostListener
        if listener == nil, !hosts.isEmpty { listener = HostListenerAddress(host: "127.0.0.1", port: try FreePort.find()) }
        return try await makeApplication(cloud, hosts: hosts, port: port, hostListener: listener, logger: logger, onRunning: onRunning)
    }

    /// The API, the background services, the host listener (when there is one) and
    /// this process's own hosts, whose agents reach the controller through that
    /// listener over loopback, as remote agents do (`InProcessHostLink`).
    static func makeApplication(
        _ cloud: StratusCloud, hosts: [(ComputeHost, any HypervisorDriver)], port: Int, hostListener: HostListenerAddress?,
        logger: Logger, onRunning: @escaping @Sendable () async -> Void = {}
    ) async throws -> some ApplicationProtocol {
        let configuration = cloud.configuration
        let purge = TokenPurgeService(identity: cloud.identity, interval: .seconds(300), logger: logger)
        let controlPlane = InProcessControlPlane(
            compute: cloud.compute, volumes: cloud.volumes, strayGuests: configuration.strayGuests, logger: logger)
        var remote: [String: RemoteControlPlane] = [:]
        if let hostListener {
            remote = try await InProcessHostLink.controlPlanes(for: hosts.map(\.0), cloud: cloud, listener: hostListener)
        }
        let agents = hosts.map { host, driver in
            cloud.consoles.add(hostID: host.id, driver: driver)
            return HostAgent(host: host, driver: driver, controlPlane: remote[host.id] ?? controlPlane,
                             heartbeatInterval: configuration.heartbeatInterval)
        }
        var services: [any Service] = [purge, SchedulingService(compute: cloud.compute, interval: .seconds(2), logger: logger)]
        if let address = hostListener {
            services.append(try HostLinkListener.makeApplication(cloud, address: address, controlPlane: controlPlane, logger: logger))
        }
        // Last, so the first to stop (a group stops in reverse): the agents end their
        // calls before the host listener closes under them.
        services.append(HostAgentService(agents: agents, logger: logger))
        return Application(
            router: cloud.router(),
            server: try serverBuilder(configuration),
            configuration: .init(address: .hostname(configuration.host, port: port), serverName: "stratus"),
            services: services,
            onServerRunning: { _ in await onRunning() },
            logger: logger)
    }

    /// A clean stop takes down the guest bridge this cloud made, unless told to
    /// keep it or guests (which outlive the control plane) are still on it.
    private static func removeGuestBridge(_ cloud: StratusCloud, logger: Logger) async {
        guard let made = cloud.startReport.guestBridge, made.origin == .made else { return }
        guard !cloud.configuration.keepGuestBridge else {
            logger.notice("guest bridge \(made.name) kept (--keep-guest-bridge)")
            return
        }
        do {
            guard let bridge = try cloud.configuration.qemuGuestBridge() else { return }
            if let reason = try await GuestBridgeSetup.removeIfUnused(bridge) {
                logger.notice("guest bridge \(made.name) kept: \(reason)")
            } else {
                logger.notice("guest bridge \(made.name) removed")
            }
        } catch {
            logger.error("guest bridge \(made.name) could not be removed: \(error)")
        }
    }

    static func serverBuilder(_ configuration: StratusConfiguration) throws -> HTTPServerBuilder {
        // Closes a connection that sent nothing for this long: idle keep-alives, headers
        // that never end, bodies that stop coming (slowloris); answers in progress are spared.
        let http1 = HTTPServerBuilder.http1(configuration: .init(idleTimeout: .seconds(Int64(configuration.idleTimeout))))
        guard configuration.usesTLS else { return http1 }
        guard let certificatePath = configuration.tlsCertificatePath, let keyPath = configuration.tlsKeyPath else {
            throw ConfigurationError("TLS needs both --tls-cert and --tls-key")
        }
        let chain = try NIOSSLCertificate.fromPEMFile(certificatePath).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        tls.minimumTLSVersion = .tlsv12
        // TLS 1.2: forward-secret (ECDHE) AEAD suites only; TLS 1.3's are all of that kind.
        tls.cipherSuites = forwardSecretCipherSuites
        return try .tls(http1, tlsConfiguration: tls)
    }
}

/// ECDHE key exchange with AES-GCM or ChaCha20-Poly1305, strongest first.
let forwardSecretCipherSuites = [
    "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
    "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
    "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
].joined(separator: ":")

public struct ConfigurationError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
