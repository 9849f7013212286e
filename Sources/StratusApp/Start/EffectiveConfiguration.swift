import Foundation
import StratusCore

/// What a `stratus serve` resolved from its flags, environment and defaults,
/// as `name: value` lines: written to `<data>/effective-configuration` at each
/// start (`stratus admin config` reads it back) and the source of the start
/// summary's settings. Secrets (the admin password) never appear.
public struct EffectiveConfiguration: Sendable {
    public var entries: [(name: String, value: String)]

    public static let fileName = "effective-configuration"

    public init(_ configuration: StratusConfiguration, listeningPort port: Int) {
        let c = configuration
        let trust = c.imageTrust
        let profile = ImageTrustPolicy.profiles.first { $0.value == trust }?.key ?? "custom"
        var entries: [(String, String)] = [
            ("version", StratusVersion.current),
            ("data-dir", URL(fileURLWithPath: c.dataDirectory).standardizedFileURL.path),
            ("database", "SQLite \(URL(fileURLWithPath: c.databasePath).standardizedFileURL.path)"),
            ("host", c.host),
            ("port", String(port)),
            ("public-url", c.baseURL(port: port)),
            ("tls", c.usesTLS ? "on (certificate \(c.tlsCertificatePath ?? "?"))" : "off"),
            ("idle-timeout", "\(c.idleTimeout) s"),
            ("driver", c.hostDriver.rawValue),
            ("hosts", String(c.simulatedHosts)),
            ("shared-network-cidr", c.sharedNetworkCIDR ?? "none"),
            ("guest-bridge", c.guestBridge ?? "none"),
            ("keep-guest-bridge", c.keepGuestBridge ? "yes" : "no"),
            ("admin-scope", c.adminScope == .anyProject ? "any-project" : "admin-project"),
            ("lockout", c.loginLockout.failureAttempts == 0
                ? "off" : "\(c.loginLockout.failureAttempts) failures, \(Int(c.loginLockout.duration)) s"),
            ("login-rate", c.loginRate.map { "\($0.perSecond)/s per source, burst \($0.burst)" } ?? "unlimited"),
            ("token-lifetime", "\(Int(c.tokenLifetime)) s"),
            ("policy-file", c.policyFile ?? "none (defaults)"),
            ("image-trust", "\(profile) (upload: \(trust.create.rawValue), publicize: \(trust.publicize.rawValue), share: \(trust.share.rawValue))"),
            ("image-size-cap", "\(c.imageSizeLimit) bytes"),
            ("require-signed-images", c.imageBoot.requireVerifiedSignature ? "yes" : "no"),
            ("migration-policy", c.migrationPolicy.rawValue),
            ("migration-transport", c.migrationTransport.rawValue),
            ("migration-address", c.migrationAddress),
        ]
        if c.hostDriver == .qemu {
            entries.append(("rng", c.rngEGDSocket.map { "EGD \($0)" } ?? "/dev/urandom"))
            entries.append(("test-guest", c.testGuestDirectory))
        }
        self.entries = entries
    }

    public init(entries: [(name: String, value: String)]) { self.entries = entries }

    public var text: String { entries.map { "\($0.name): \($0.value)" }.joined(separator: "\n") + "\n" }

    public func value(_ name: String) -> String? { entries.first { $0.name == name }?.value }

    /// Written at each start into the (private) data directory.
    func write(into dataDirectory: String) throws {
        let path = URL(fileURLWithPath: dataDirectory).appendingPathComponent(Self.fileName).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: PrivateDataDirectory.fileMode], ofItemAtPath: path)
    }

    /// What the last start of that data directory resolved.
    public static func read(dataDirectory: String) throws -> EffectiveConfiguration {
        let path = URL(fileURLWithPath: dataDirectory).appendingPathComponent(fileName).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw ConfigurationError("\(path) does not exist: no stratus serve has started on \(dataDirectory)")
        }
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        return EffectiveConfiguration(entries: lines.compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        })
    }
}
