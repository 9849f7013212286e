import Foundation
import StratusCore

/// How a QEMU host takes part in live migrations: where it receives them and
/// with which credentials. With TLS, `pkiDirectory` holds what QEMU's
/// `tls-creds-x509` reads: `ca-cert.pem` (the cloud's CA), `server-cert.pem` /
/// `server-key.pem` (this host receiving; its address in the SAN) and
/// `client-cert.pem` / `client-key.pem` (this host sending). Both ends verify
/// the other's certificate against the CA.
public struct QEMUMigrationSettings: Sendable, Equatable {
    public var address: String
    public var transport: MigrationEndpoint.Transport
    public var pkiDirectory: String
    /// The longest a transfer may run before it is cancelled and rolled back.
    public var timeout: Duration
    /// QEMU's `max-bandwidth` (its default, 128 MiB/s, made a 96 MiB guest take
    /// 0.6 s here): what the migration network may carry per guest.
    public var maxBandwidthMiBps: Int
    /// QEMU's `downtime-limit`: the longest pause it aims for at the switch-over.
    public var downtimeLimitMilliseconds: Int

    public init(address: String, transport: MigrationEndpoint.Transport = .tls, pkiDirectory: String,
                timeout: Duration = .seconds(300), maxBandwidthMiBps: Int = 1024, downtimeLimitMilliseconds: Int = 100) {
        self.address = address
        self.transport = transport
        self.pkiDirectory = pkiDirectory
        self.timeout = timeout
        self.maxBandwidthMiBps = maxBandwidthMiBps
        self.downtimeLimitMilliseconds = downtimeLimitMilliseconds
    }

    public var endpoint: MigrationEndpoint { MigrationEndpoint(address: address, transport: transport) }
}

/// What QEMU reported for a finished transfer.
public struct QEMUMigrationStats: Sendable, Equatable {
    /// From the start of the transfer to its completion.
    public var totalMilliseconds: Int
    /// How long the guest was stopped for the final copy.
    public var downtimeMilliseconds: Int
    public var transferredBytes: Int
}
