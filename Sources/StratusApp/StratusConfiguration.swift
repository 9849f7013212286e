import Foundation
import StratusCore

/// Everything `stratus serve` can be told. Flags override the environment,
/// which overrides these defaults.
public struct StratusConfiguration: Sendable {
    public var host = "127.0.0.1"
    /// 0 picks a free port (tests).
    public var port = 5000
    public var dataDirectory = "./stratus-data"
    /// Used only on the first start; generated and printed once when nil.
    public var adminPassword: String?
    /// The URL clients reach the cloud at; derived from host and port when nil.
    public var publicURL: String?
    public var tlsCertificatePath: String?
    public var tlsKeyPath: String?
    /// A YAML or JSON file of policy rules overriding the defaults.
    public var policyFile: String?
    public var tokenLifetime: TimeInterval = 3600
    /// Whose `admin` role administers the whole cloud (the admin project's, by default).
    public var adminScope = AdminScope.bootstrapAdminProject
    /// Failed logins in a row that lock an account (the private-cloud profile's, by default).
    public var loginLockout = LoginLockout.privateCloud
    /// Password logins per source address; nil: unlimited.
    public var loginRate: TokenRequestLimiter.Rate? = .standard
    /// Password hashing runs on threads of its own: half the cores, at least one.
    public var hashingThreads = max(1, ProcessInfo.processInfo.activeProcessorCount / 2)
    /// Logins waiting for a hashing thread before more are refused with 429.
    public var hashingQueueLimit = 32
    /// Seconds a connection may send nothing (idle, in its headers or its body) before it is closed.
    public var idleTimeout = 60
    /// Simulated compute hosts run in this process (`sim-1` … `sim-N`).
    public var simulatedHosts = 4
    /// The shared network's subnet made at the first start; nil makes none.
    public var sharedNetworkCIDR: String? = NetworkService.defaultSharedCIDR
    /// What the in-process hosts run guests with (`--driver`).
    public var hostDriver = HostDriverKind.simulated
    /// scripts/build-test-guest.sh's output, imported as images on the first
    /// start with the QEMU driver (`--test-guest`).
    public var testGuestDirectory = ".build/test-guest"
    public var heartbeatInterval: Duration = .seconds(10)
    /// PBKDF2 rounds for new password hashes.
    public var passwordRounds = PasswordHasher.recommendedRounds
    /// Who may bring images in and share or publish them (`--image-trust`).
    public var imageTrust = ImageTrustPolicy.privateCloud
    /// The largest image upload accepted, in bytes (Glance's `image_size_cap`).
    public var imageSizeLimit = ImageSettings.defaultSizeLimit
    /// Which images new servers may boot from (`--require-signed-images`,
    /// `--trusted-signing-certificate`).
    public var imageBoot = ImageBootPolicy()
    /// Who may migrate servers (`--migration-policy`).
    public var migrationPolicy = MigrationPolicy.administrators
    /// How the in-process QEMU hosts send live migrations (`--migration-transport`):
    /// TLS with certificates from the cloud's own CA unless plain is asked for.
    public var migrationTransport = MigrationEndpoint.Transport.tls
    /// The address incoming live migrations are received on (`--migration-address`):
    /// the isolated migration network, not the API's.
    public var migrationAddress = "127.0.0.1"
    /// An EGD daemon's socket the QEMU hosts' guests draw entropy from (`--rng-egd-socket`);
    /// nil: `/dev/urandom`.
    public var rngEGDSocket: String?
    /// With the QEMU driver: the Linux bridge guests' NICs join (`--guest-bridge`),
    /// made with the shared subnet's gateway address when missing; nil: guests get no NIC.
    public var guestBridge: String?
    /// Keep a guest bridge this cloud made when it stops (`--keep-guest-bridge`);
    /// by default a clean stop removes it once no guest is on it.
    public var keepGuestBridge = false
    /// What the hosts do with a guest whose server this database has never had — after
    /// a restore, the guests of servers created since the backup (`--stray-guests`).
    /// Adopt by default: destroying a tenant's running VM cannot be undone, while an
    /// adopted server can still be deleted through the API once someone has looked.
    public var strayGuests = StrayGuestPolicy.adopt
    /// Where remote host agents reach the controller (`--host-listen`): HTTPS with
    /// client certificates from the cloud's CA. nil: no remote hosts.
    public var hostListener: HostListenerAddress?
    /// How long a request to a remote host (a console read) waits for its answer.
    public var hostRequestTimeout: Duration = .seconds(10)

    public init() {}

    public var usesTLS: Bool { tlsCertificatePath != nil || tlsKeyPath != nil }

    public var databasePath: String {
        URL(fileURLWithPath: dataDirectory).appendingPathComponent("stratus.sqlite").path
    }

    /// Where image data files live.
    public var imageDirectory: String {
        URL(fileURLWithPath: dataDirectory).appendingPathComponent("images").path
    }

    /// The QEMU driver's guests (`<host>/instances/`) and image cache (`image-cache/`).
    /// Kept short: a QMP socket path must fit in 107 bytes.
    public var qemuDirectory: String {
        URL(fileURLWithPath: dataDirectory).appendingPathComponent("qemu").standardizedFileURL.path
    }

    /// The public base URL once the port is known.
    func baseURL(port: Int) -> String {
        if let publicURL { return publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL }
        let advertisedHost = (host == "0.0.0.0" || host == "::") ? "127.0.0.1" : host
        let bracketed = advertisedHost.contains(":") ? "[\(advertisedHost)]" : advertisedHost
        return "\(usesTLS ? "https" : "http")://\(bracketed):\(port)"
    }
}

/// The in-process hosts' hypervisor driver.
public enum HostDriverKind: String, Sendable, CaseIterable {
    /// In-memory guests (`SimulatedDriver`): scale tests, no hypervisor needed.
    case simulated
    /// Real guests, one QEMU each (`QEMUDriver`).
    case qemu
}
