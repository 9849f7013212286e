import ArgumentParser
import Foundation
import Logging
import StratusAgent
import StratusApp
import StratusCore

@main
struct Stratus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Stratus: an OpenStack-compatible IaaS control plane.",
        version: StratusVersion.current,
        subcommands: [Serve.self, Agent.self, Admin.self],
        defaultSubcommand: Serve.self)
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run an all-in-one cloud: API, embedded SQLite store, background services.")

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free one).") var port = 5000
    @Option(name: .customLong("data-dir"), help: "The cloud's state: database, images, CA (one serve at a time).") var dataDirectory = "./stratus-data"
    @Option(name: .customLong("admin-password"),
            help: "The admin password (env STRATUS_ADMIN_PASSWORD): set on the first start; on a later one it replaces the stored password, with a warning. Absent on the first start: generated and shown until a start succeeds.")
    var adminPassword: String?
    @Option(name: .customLong("public-url"), help: "URL clients reach the cloud at (default: from host and port).")
    var publicURL: String?
    @Option(name: .customLong("tls-cert"), help: "PEM certificate chain; enables HTTPS with --tls-key.")
    var tlsCertificate: String?
    @Option(name: .customLong("tls-key"), help: "PEM private key.") var tlsKey: String?
    @Option(name: .customLong("policy-file"), help: "YAML/JSON policy rules overriding the defaults.")
    var policyFile: String?
    @Option(name: .customLong("token-lifetime"), help: "Token lifetime in seconds.") var tokenLifetime = 3600
    @Option(name: .customLong("shared-network-cidr"), help: "The IPv4 subnet of the shared network made at the first start, or 'none'.")
    var sharedNetworkCIDR = NetworkService.defaultSharedCIDR
    @Option(help: "Compute hosts to run in this process.") var hosts = 4
    @Option(help: "The hosts' hypervisor driver: simulated (in-memory guests) or qemu (real guests, TCG unless KVM proves usable).")
    var driver = "simulated"
    @Option(name: .customLong("test-guest"), help: "With --driver qemu: scripts/build-test-guest.sh's output, imported as images on the first start.")
    var testGuest = ".build/test-guest"
    @Option(name: .customLong("image-trust"), help: "Image trust profile: private-cloud or public-cloud.")
    var imageTrust = "private-cloud"
    @Option(name: .customLong("image-upload"), help: "Who may create and upload images: administrators, members, nobody (overrides the profile).")
    var imageUpload: String?
    @Option(name: .customLong("image-publicize"), help: "Who may make images public or community (overrides the profile).")
    var imagePublicize: String?
    @Option(name: .customLong("image-share"), help: "Who may share images with other projects (overrides the profile).")
    var imageShare: String?
    @Option(name: .customLong("image-size-cap"), help: "Largest image upload accepted, in bytes.")
    var imageSizeCap = Int(StratusConfiguration().imageSizeLimit)
    @Flag(name: .customLong("require-signed-images"),
          help: "Boot new servers only from images whose signature was verified at upload.")
    var requireSignedImages = false
    @Option(name: .customLong("trusted-signing-certificate"),
            help: "With --require-signed-images: a key-manager certificate id whose signatures are trusted (repeatable; none: any stored certificate).")
    var trustedSigningCertificates: [String] = []
    @Option(name: .customLong("migration-policy"), help: "Who may migrate servers: disabled, admin, allowed (project members too).")
    var migrationPolicy = MigrationPolicy.administrators.rawValue
    @Option(name: .customLong("migration-transport"), help: "Live migration traffic of the QEMU hosts: tls (certificates from the cloud's CA) or plain.")
    var migrationTransport = MigrationEndpoint.Transport.tls.rawValue
    @Option(name: .customLong("migration-address"), help: "The address the QEMU hosts receive live migrations on (the migration network).")
    var migrationAddress = "127.0.0.1"
    @Option(name: .customLong("rng-egd-socket"), help: "With --driver qemu: an EGD daemon's unix socket guests' virtio-rng draws from (default /dev/urandom).")
    var rngEGDSocket: String?
    @Option(name: .customLong("guest-bridge"), help: "With --driver qemu: the Linux bridge guests' NICs join, made (as root) with the shared subnet's gateway address when missing, so this machine reaches guests on their fixed addresses (default: guests get no NIC).")
    var guestBridge: String?
    @Flag(name: .customLong("keep-guest-bridge"), help: "Keep the --guest-bridge this cloud made when it stops (by default a clean stop removes it once no guest is on it).")
    var keepGuestBridge = false
    @Option(name: .customLong("stray-guests"), help: "What the hosts do with a guest whose server this cloud has never had (after a restore: servers created since the backup): adopt (make it a server again, owned as its host recorded; one it cannot describe is left running and reported) or destroy. Logged either way.")
    var strayGuests = StrayGuestPolicy.adopt.rawValue
    @Option(name: .customLong("admin-scope"), help: "Where the admin role administers the whole cloud: admin-project (system scope or the project 'admin', Keystone's is_admin_project) or any-project (upstream's legacy 'admin anywhere is admin everywhere', for test rigs that assume it).")
    var adminScope = "admin-project"
    @Option(name: .customLong("lockout-failure-attempts"), help: "Failed logins in a row that lock an account (Keystone's lockout_failure_attempts; 0: never).")
    var lockoutFailureAttempts = LoginLockout.privateCloud.failureAttempts
    @Option(name: .customLong("lockout-duration"), help: "Seconds a locked account stays locked after its last failed login.")
    var lockoutDuration = Int(LoginLockout.privateCloud.duration)
    @Option(name: .customLong("login-rate"), help: "Password logins per second from one source address, after a burst of six times as many (0: unlimited); more get 429 with Retry-After.")
    var loginRate = TokenRequestLimiter.Rate.standard.perSecond
    @Option(name: .customLong("idle-timeout"), help: "Seconds a connection may send nothing (idle, or stalled in its headers or body) before it is closed.")
    var idleTimeout = 60
    @Option(name: .customLong("host-listen"), help: "ADDRESS:PORT where remote host agents (stratus agent) reach this controller: HTTPS with client certificates from the cloud's CA. Default: none (only the hosts of this process).")
    var hostListen: String?
    @Option(name: .customLong("host-listen-name"), help: "Another DNS name or address agents reach --host-listen by, for its certificate (repeatable).")
    var hostListenNames: [String] = []
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error.")
    var logLevel = "info"

    func run() async throws {
        var configuration = StratusConfiguration()
        if let hostListen {
            guard let address = HostListenerAddress(parsing: hostListen, extraNames: hostListenNames) else {
                throw ValidationError("--host-listen must be ADDRESS:PORT, such as 10.0.0.1:5001")
            }
            configuration.hostListener = address
        } else if !hostListenNames.isEmpty {
            throw ValidationError("--host-listen-name needs --host-listen")
        }
        configuration.host = host
        configuration.port = port
        configuration.dataDirectory = dataDirectory
        configuration.adminPassword = adminPassword ?? ProcessInfo.processInfo.environment["STRATUS_ADMIN_PASSWORD"]
        configuration.publicURL = publicURL
        configuration.tlsCertificatePath = tlsCertificate
        configuration.tlsKeyPath = tlsKey
        configuration.policyFile = policyFile
        configuration.tokenLifetime = TimeInterval(tokenLifetime)
        guard hosts >= 0 else { throw ValidationError("--hosts must be 0 or more") }
        configuration.simulatedHosts = hosts
        if sharedNetworkCIDR == "none" {
            configuration.sharedNetworkCIDR = nil
        } else {
            guard let range = IPv4Network(sharedNetworkCIDR), !range.hasHostBits, (8...30).contains(range.prefixLength) else {
                throw ValidationError("--shared-network-cidr must be an IPv4 network such as 10.0.0.0/16 (prefix 8 to 30), or none")
            }
            configuration.sharedNetworkCIDR = sharedNetworkCIDR
        }
        guard let kind = HostDriverKind(rawValue: driver) else {
            throw ValidationError("--driver must be one of \(HostDriverKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        configuration.hostDriver = kind
        configuration.testGuestDirectory = URL(fileURLWithPath: testGuest).standardizedFileURL.path
        guard tokenLifetime > 0 else { throw ValidationError("--token-lifetime must be positive") }
        do {
            try configuration.setImageTrust(
                profile: imageTrust, upload: imageUpload, publicize: imagePublicize, share: imageShare)
        } catch {
            throw ValidationError(error.description)
        }
        guard imageSizeCap > 0 else { throw ValidationError("--image-size-cap must be positive") }
        configuration.imageSizeLimit = Int64(imageSizeCap)
        guard requireSignedImages || trustedSigningCertificates.isEmpty else {
            throw ValidationError("--trusted-signing-certificate needs --require-signed-images")
        }
        configuration.imageBoot = ImageBootPolicy(
            requireVerifiedSignature: requireSignedImages, trustedCertificateIDs: Set(trustedSigningCertificates))
        guard let migration = MigrationPolicy(rawValue: migrationPolicy) else {
            throw ValidationError("--migration-policy must be one of \(MigrationPolicy.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        configuration.migrationPolicy = migration
        guard let transport = MigrationEndpoint.Transport(rawValue: migrationTransport) else {
            throw ValidationError("--migration-transport must be tls or plain")
        }
        configuration.migrationTransport = transport
        configuration.migrationAddress = migrationAddress
        configuration.rngEGDSocket = rngEGDSocket
        if let guestBridge {
            guard kind == .qemu else { throw ValidationError("--guest-bridge needs --driver qemu") }
            guard QEMUGuestBridge.isInterfaceName(guestBridge) else {
                throw ValidationError("--guest-bridge must be a Linux interface name (1 to 15 characters, no spaces, '/' or ':')")
            }
            configuration.guestBridge = guestBridge
        }
        configuration.keepGuestBridge = keepGuestBridge
        guard let strays = StrayGuestPolicy(rawValue: strayGuests) else {
            throw ValidationError("--stray-guests must be one of \(StrayGuestPolicy.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        configuration.strayGuests = strays
        guard lockoutFailureAttempts >= 0, lockoutDuration >= 0 else {
            throw ValidationError("--lockout-failure-attempts and --lockout-duration must be 0 or more")
        }
        configuration.loginLockout = LoginLockout(
            failureAttempts: lockoutFailureAttempts, duration: TimeInterval(lockoutDuration))
        guard loginRate.isFinite, loginRate >= 0, loginRate <= 1_000_000 else {
            throw ValidationError("--login-rate must be a number of logins per second, 0 to 1000000")
        }
        configuration.loginRate = loginRate == 0 ? nil : TokenRequestLimiter.Rate(burst: Int(loginRate * 6), perSecond: loginRate)
        guard (1...3600).contains(idleTimeout) else { throw ValidationError("--idle-timeout must be 1 to 3600 seconds") }
        configuration.idleTimeout = idleTimeout
        switch adminScope {
        case "admin-project": configuration.adminScope = .bootstrapAdminProject
        case "any-project": configuration.adminScope = .anyProject
        default: throw ValidationError("--admin-scope must be admin-project or any-project")
        }
        guard let level = Logger.Level(rawValue: logLevel) else { throw ValidationError("unknown --log-level \(logLevel)") }

        var logger = Logger(label: "stratus")
        logger.logLevel = level
        try await StratusServer.run(configuration, logger: logger)
    }
}
