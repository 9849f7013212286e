import ArgumentParser
import Foundation
import StratusApp
import StratusCore

/// `stratus admin …`: what an operator does that has no OpenStack API.
struct Admin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Operate a cloud's data directory: passwords, status, configuration, backup and restore, host join tokens.",
        subcommands: [
            AdminStatus.self, AdminConfig.self, AdminResetPassword.self, AdminBackup.self, AdminRestore.self,
            AdminJoinToken.self, AdminRevokeHost.self,
        ])
}

/// The data directory every admin command names.
struct DataDirectoryOption: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "The cloud's data directory (as given to stratus serve).")
    var dataDirectory = "./stratus-data"
}

struct AdminStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show whether the cloud is serving, each host's state and its reconciler's pending work, and what the cloud holds.",
        discussion: "Reads the database only: safe while the cloud serves.")

    @OptionGroup var data: DataDirectoryOption

    func run() async throws {
        print(try await CloudStatus.text(dataDirectory: data.dataDirectory))
    }
}

struct AdminConfig: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the effective configuration the last start of this data directory resolved (flags, environment, defaults).")

    @OptionGroup var data: DataDirectoryOption

    func run() async throws {
        print(try EffectiveConfiguration.read(dataDirectory: data.dataDirectory).text, terminator: "")
    }
}

struct AdminResetPassword: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset-password",
        abstract: "Replace a user's password (admin by default) in a stopped cloud's data directory.",
        discussion: """
            Unlocks and re-enables the user, revokes its tokens and records the reset in the audit log. \
            Without --password-stdin a password is generated and shown once. \
            While the cloud runs, restart it with --admin-password instead.
            """)

    @OptionGroup var data: DataDirectoryOption
    @Option(help: "The user, in domain Default.") var user = "admin"
    @Flag(name: .customLong("password-stdin"), help: "Read the new password from standard input's first line.")
    var passwordFromStandardInput = false

    func run() async throws {
        var password: String?
        if passwordFromStandardInput {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw ValidationError("--password-stdin: standard input had no password")
            }
            password = line
        }
        let result = try await AdminPasswordReset.run(dataDirectory: data.dataDirectory, userName: user, password: password)
        switch result.outcome {
        case .unchanged: print("The password of \(user) already was that one; nothing changed.")
        case .replaced: print("The password of \(user) was replaced; its tokens are revoked and the reset is audited.")
        }
        if let generated = result.generated {
            print("export OS_PASSWORD='\(generated)'   # shown only now")
        }
    }
}
