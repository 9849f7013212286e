import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOSSL
import ServiceLifecycle
import StratusAgent

/// Runs a cloud as an HTTP(S) server with its background services until
/// SIGINT or SIGTERM.
public enum StratusServer {
    public static func run(_ configuration: StratusConfiguration, logger: Logger) async throws {
        // Before any state is touched: one process per data directory.
        try PrivateDataDirectory.prepare(configuration)
        let lock = try DataDirectoryLock(directory: configuration.dataDirectory)
        defer { withExtendedLifetime(lock) {} }
        let port = configuration.port == 0 ? try FreePort.find() : configuration.port
        let cloud = try await StratusCloud.open(configuration, port: port)
        let application = try makeApplication(cloud, port: port, logger: logger) {
            // Unbuffered, so the instructions show up even when stdout is a file.
            FileHandle.standardOutput.write(Data((ClientInstructions(cloud: cloud).text + "\n").utf8))
        }
        try await application.runService()
    }

    public static func makeApplication(
        _ cloud: StratusCloud, port: Int, logger: Logger, onRunning: @escaping @Sendable () async -> Void = {}
    ) throws -> some ApplicationProtocol {
        let configuration = cloud.configuration
        let purge = TokenPurgeService(identity: cloud.identity, interval: .seconds(300), logger: logger)
        let controlPlane = InProcessControlPlane(compute: cloud.compute, volumes: cloud.volumes)
        let agents = try InProcessHosts.make(cloud).map { host, driver in
            cloud.consoles.add(hostID: host.id, driver: driver)
            return HostAgent(host: host, driver: driver, controlPlane: controlPlane,
                             heartbeatInterval: configuration.heartbeatInterval)
        }
        return Application(
            router: cloud.router(),
            server: try serverBuilder(configuration),
            configuration: .init(address: .hostname(configuration.host, port: port), serverName: "stratus"),
            services: [
                purge, SchedulingService(compute: cloud.compute, interval: .seconds(2), logger: logger),
                HostAgentService(agents: agents, logger: logger),
            ],
            onServerRunning: { _ in await onRunning() },
            logger: logger)
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
