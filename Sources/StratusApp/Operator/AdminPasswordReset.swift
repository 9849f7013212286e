import Foundation
import StratusCore
import StratusStore

/// `stratus admin reset-password`: the way back into a data directory whose
/// admin password is lost. Runs with the cloud stopped (it takes the data
/// directory's lock), replaces the user's password, unlocks and re-enables the
/// user, revokes its tokens and audits the reset.
public enum AdminPasswordReset {
    public struct Result: Sendable {
        /// The new password when it was generated here (shown once), nil when given.
        public var generated: String?
        public var outcome: PasswordResetOutcome
    }

    public static func run(
        dataDirectory: String, userName: String, password: String?, passwordRounds: Int = PasswordHasher.recommendedRounds
    ) async throws -> Result {
        let lock = try DataDirectoryLock(directory: try OperatorDataDirectory.existing(dataDirectory))
        defer { withExtendedLifetime(lock) {} }
        var configuration = StratusConfiguration()
        configuration.dataDirectory = dataDirectory
        let store = try SQLiteStore(path: configuration.databasePath)
        let identity = IdentityService(
            store: store, policy: try PolicyEngine(defaults: IdentityPolicy.defaults, overrides: [:]),
            hasher: PasswordHasher(rounds: passwordRounds))
        let generated = password == nil ? AdminPassword.generate() : nil
        let outcome = try await identity.resetPassword(
            userName: userName, to: password ?? generated ?? "", requestID: "stratus-admin-reset-password")
        // A password generated for a first start that never finished is no longer the admin's.
        if userName == "admin" { try AdminCredentials(dataDirectory: dataDirectory).shown() }
        return Result(generated: generated, outcome: outcome)
    }
}

/// The data directory an operator command works on: it must hold a cloud.
enum OperatorDataDirectory {
    static func existing(_ path: String) throws -> String {
        var configuration = StratusConfiguration()
        configuration.dataDirectory = path
        guard FileManager.default.fileExists(atPath: configuration.databasePath) else {
            throw ConfigurationError("no cloud in \(path): \(configuration.databasePath) does not exist (pass --data-dir)")
        }
        return path
    }
}
