import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOSSL
import StratusCore

/// The host protocol's own listener (`--host-listen`): HTTPS only, TLS ≥ 1.2 with
/// forward-secret suites, a server certificate from the cloud's CA made at each
/// start for the listener's names, and client certificates verified against that
/// CA whenever presented. Only enrollment goes without one (the join token is its
/// credential); every other call is refused without (`HostLinkRoutes`).
enum HostLinkListener {
    static func makeApplication(
        _ cloud: StratusCloud, address: HostListenerAddress, controlPlane: InProcessControlPlane, logger: Logger
    ) throws -> some ApplicationProtocol {
        let configuration = cloud.configuration
        let authority = try MigrationPKI.authority(dataDirectory: configuration.dataDirectory)
        let names = address.certificateNames
        let server = try authority.issueServerCertificate(
            commonName: "stratus-controller", dnsNames: names.dnsNames, ipAddresses: names.ipAddresses, now: Date())
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(server.certificatePEM.utf8)).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(bytes: Array(server.keyPEM.utf8), format: .pem)
        let roots = try NIOSSLCertificate.fromPEMBytes(Array(try authority.certificatePEM.utf8))
        var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        tls.minimumTLSVersion = .tlsv12
        tls.cipherSuites = forwardSecretCipherSuites
        tls.trustRoots = .certificates(roots)
        tls.certificateVerification = .optionalVerification
        // A closing connection waits this long for the peer's close_notify; agents'
        // idle pooled connections need not hold a controller's stop for NIOSSL's 5 s.
        tls.shutdownTimeout = .milliseconds(250)
        let router = Router(context: HostLinkRequestContext.self)
        HostLinkRoutes(
            controlPlane: controlPlane,
            desiredState: HostDesiredState(store: cloud.store, wakeups: cloud.compute.wakeups),
            enrollment: cloud.enrollment, images: cloud.images,
            migrationAuthority: DataDirectoryCertificateAuthority(dataDirectory: configuration.dataDirectory),
            heartbeatInterval: configuration.heartbeatInterval,
            hostRequests: cloud.hostRequests
        ).register(on: router)
        let http1 = HTTPServerBuilder.http1(configuration: .init(idleTimeout: .seconds(Int64(configuration.idleTimeout))))
        var hostLogger = logger
        hostLogger[metadataKey: "listener"] = "hosts"
        return Application(
            router: router, server: try .tls(http1, tlsConfiguration: tls),
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: "stratus-hosts"),
            logger: hostLogger)
    }
}
