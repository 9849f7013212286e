import Foundation
import StratusCore

/// What `stratus agent` runs with: one compute host that reaches its controller
/// over the host protocol.
public struct AgentConfiguration: Sendable {
    /// `https://HOST:PORT` of the controller's host listener (`stratus serve --host-listen`).
    public var controller: String
    /// The cloud's CA certificate (the controller's `<data>/migration-ca/ca-cert.pem`),
    /// the only root the agent trusts.
    public var caCertificatePath: String
    /// Needed for the first start only: the host enrolls with it, then keeps its
    /// certificate in `<data>/host-credentials/`.
    public var joinToken: String?
    public var hostName: String
    public var dataDirectory: String
    public var driver: HostDriverKind
    public var availabilityZone = "nova"
    /// QEMU: the address this host receives live migrations on (the migration network).
    public var migrationAddress: String?
    public var migrationTransport = MigrationEndpoint.Transport.tls
    /// QEMU: scripts/build-test-guest.sh's output, booted to probe KVM.
    public var testGuestDirectory: String?
    public var guestBridge: String?
    public var heartbeatInterval: Duration = .seconds(10)

    public init(controller: String, caCertificatePath: String, hostName: String, dataDirectory: String, driver: HostDriverKind) {
        self.controller = controller
        self.caCertificatePath = caCertificatePath
        self.hostName = hostName
        self.dataDirectory = dataDirectory
        self.driver = driver
    }
}
