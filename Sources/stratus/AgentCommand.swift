import ArgumentParser
import Foundation
import Logging
import StratusApp
import StratusCore

/// `stratus agent`: a compute host of a cloud whose controller runs elsewhere.
struct Agent: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a compute host's agent against a controller (stratus serve --host-listen).",
        discussion: """
            The first start enrolls the host: it makes its key, presents --join-token (stratus admin join-token create) \
            with a certificate request, and keeps the certificate the cloud's CA issued in <data-dir>/host-credentials/. \
            Later starts use that certificate; guests outlive the agent and are found again when it restarts.
            """)

    @Option(help: "The controller's host listener, https://HOST:PORT.") var controller: String
    @Option(name: .customLong("ca-cert"), help: "The cloud's CA certificate (the controller's <data-dir>/migration-ca/ca-cert.pem).")
    var caCertificate: String
    @Option(name: .customLong("join-token"), help: "The one-time join token (env STRATUS_JOIN_TOKEN); needed on the first start only.")
    var joinToken: String?
    @Option(name: .customLong("host-name"), help: "This host's name in the cloud (default: the machine's host name).")
    var hostName: String?
    @Option(name: .customLong("data-dir"), help: "The agent's state: its certificate and its guests.") var dataDirectory = "./stratus-agent"
    @Option(help: "The hypervisor driver: simulated (in-memory guests) or qemu.") var driver = "simulated"
    @Option(name: .customLong("availability-zone"), help: "The zone this host is in.") var availabilityZone = "nova"
    @Option(name: .customLong("migration-address"), help: "With --driver qemu: the address this host receives live migrations on (the migration network); none: it takes no part in live migration.")
    var migrationAddress: String?
    @Option(name: .customLong("migration-transport"), help: "Live migration traffic: tls or plain.") var migrationTransport = "tls"
    @Option(name: .customLong("test-guest"), help: "With --driver qemu: scripts/build-test-guest.sh's output, booted to probe KVM.")
    var testGuest: String?
    @Option(name: .customLong("guest-bridge"), help: "With --driver qemu: the Linux bridge guests' NICs join.") var guestBridge: String?
    @Option(name: .customLong("heartbeat-interval"), help: "Seconds between heartbeats.") var heartbeatInterval = 10
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error.") var logLevel = "info"

    func run() async throws {
        guard let kind = HostDriverKind(rawValue: driver) else {
            throw ValidationError("--driver must be one of \(HostDriverKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let name = hostName ?? ProcessInfo.processInfo.hostName
        var configuration = AgentConfiguration(
            controller: controller, caCertificatePath: caCertificate, hostName: name, dataDirectory: dataDirectory, driver: kind)
        configuration.joinToken = joinToken ?? ProcessInfo.processInfo.environment["STRATUS_JOIN_TOKEN"]
        configuration.availabilityZone = availabilityZone
        configuration.migrationAddress = migrationAddress
        guard let transport = MigrationEndpoint.Transport(rawValue: migrationTransport) else {
            throw ValidationError("--migration-transport must be tls or plain")
        }
        configuration.migrationTransport = transport
        configuration.testGuestDirectory = testGuest.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        configuration.guestBridge = guestBridge
        guard (1...300).contains(heartbeatInterval) else { throw ValidationError("--heartbeat-interval must be 1 to 300 seconds") }
        configuration.heartbeatInterval = .seconds(heartbeatInterval)
        guard let level = Logger.Level(rawValue: logLevel) else { throw ValidationError("unknown --log-level \(logLevel)") }
        var logger = Logger(label: "stratus-agent")
        logger.logLevel = level
        try await AgentProcess.run(configuration, logger: logger)
    }
}
