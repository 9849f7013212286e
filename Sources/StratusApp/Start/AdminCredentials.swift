import Foundation
import Logging
import StratusCore

/// The admin password at start, so no start leaves a data directory nobody can
/// log in to:
/// - none given, first start: one is generated and kept in
///   `<data>/initial-admin-password` (0600) until a start has shown it; a start
///   that fails after the bootstrap leaves the file, and the next start shows
///   the same password again;
/// - given (`--admin-password`, `STRATUS_ADMIN_PASSWORD`) on a later start: it
///   replaces the stored one, with a warning, as `keystone-manage bootstrap` does.
struct AdminCredentials {
    let dataDirectory: String

    var pendingPath: String { URL(fileURLWithPath: dataDirectory).appendingPathComponent("initial-admin-password").path }

    /// The generated password a start has not shown yet, or a new one written down first.
    func pendingOrNew() throws -> String {
        if let kept = try pending() { return kept }
        let password = AdminPassword.generate()
        let files = FileManager.default
        guard files.createFile(
            atPath: pendingPath, contents: Data((password + "\n").utf8),
            attributes: [.posixPermissions: PrivateDataDirectory.fileMode])
        else { throw ConfigurationError("cannot write \(pendingPath)") }
        return password
    }

    /// The password an earlier, unfinished start generated.
    func pending() throws -> String? {
        guard FileManager.default.fileExists(atPath: pendingPath) else { return nil }
        let text = try String(contentsOfFile: pendingPath, encoding: .utf8)
        let password = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return password.isEmpty ? nil : password
    }

    /// The start succeeded and showed the password: it lives on only in the operator's hands.
    func shown() throws {
        guard FileManager.default.fileExists(atPath: pendingPath) else { return }
        try FileManager.default.removeItem(atPath: pendingPath)
    }

    /// Settles the admin password of an opened identity service; returns the
    /// password to show (generated ones only).
    static func settle(
        _ configuration: StratusConfiguration, identity: IdentityService, logger: Logger
    ) async throws -> (outcome: BootstrapOutcome, generated: String?) {
        let credentials = AdminCredentials(dataDirectory: configuration.dataDirectory)
        guard let given = configuration.adminPassword else {
            // Bootstrapped before: a password is shown only if that start never got to show it.
            if try await identity.userExists(named: "admin") {
                let outcome = try await identity.bootstrap(BootstrapRequest(adminPassword: ""))
                return (outcome, try credentials.pending())
            }
            let candidate = try credentials.pendingOrNew()
            let outcome = try await identity.bootstrap(BootstrapRequest(adminPassword: candidate))
            return (outcome, candidate)
        }
        let outcome = try await identity.bootstrap(BootstrapRequest(adminPassword: given))
        if !outcome.performed {
            let reset = try await identity.resetPassword(userName: "admin", to: given, requestID: "stratus-serve")
            if case .replaced = reset {
                logger.warning("the given admin password replaced the stored one (user admin, domain Default); its tokens are revoked")
            }
        }
        try credentials.shown()
        return (outcome, nil)
    }
}
