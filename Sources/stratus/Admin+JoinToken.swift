import ArgumentParser
import Foundation
import StratusApp
import StratusCore

/// `stratus admin join-token create|list|delete`: one-time tokens that enroll
/// remote compute hosts (the same as `/compute/v2.1/os-stratus-join-tokens`).
struct AdminJoinToken: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "join-token",
        abstract: "Create, list and delete the one-time tokens that enroll remote compute hosts.",
        discussion: "Works on the data directory, also while the cloud serves.",
        subcommands: [AdminJoinTokenCreate.self, AdminJoinTokenList.self, AdminJoinTokenDelete.self])
}

struct AdminJoinTokenCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Make a join token and print it (shown only now: the cloud keeps its hash).")

    @OptionGroup var data: DataDirectoryOption
    @Option(help: "Seconds the token stays usable (1 to 604800).") var ttl = Int(JoinToken.defaultTTL)
    @Option(help: "What the token is for (shown in lists).") var description = ""

    func run() async throws {
        let administration = try JoinTokenAdministration(dataDirectory: data.dataDirectory)
        let (token, text) = try await refusalsAsMessages { try await administration.create(ttl: ttl, description: description) }
        print("""
            Join token \(token.id), valid until \(token.expiresAt.formatted(.iso8601)), for one host:
            \(text)
            """)
    }
}

struct AdminJoinTokenList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List join tokens (never their secrets).")

    @OptionGroup var data: DataDirectoryOption

    func run() async throws {
        let tokens = try await JoinTokenAdministration(dataDirectory: data.dataDirectory).list()
        let now = Date()
        print("ID                                STATUS   EXPIRES               USED BY          DESCRIPTION")
        for token in tokens {
            let status = token.usedAt != nil ? "used" : token.isExpired(at: now) ? "expired" : "unused"
            let columns = [
                token.id, status.padding(toLength: 8, withPad: " ", startingAt: 0),
                token.expiresAt.formatted(.iso8601),
                (token.usedByHostName ?? "-").padding(toLength: 16, withPad: " ", startingAt: 0), token.description,
            ]
            print(columns.joined(separator: " "))
        }
    }
}

struct AdminJoinTokenDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Withdraw a join token (hosts it already enrolled keep their certificates).")

    @Argument(help: "The token's id (from list or create).") var id: String
    @OptionGroup var data: DataDirectoryOption

    func run() async throws {
        let administration = try JoinTokenAdministration(dataDirectory: data.dataDirectory)
        try await refusalsAsMessages { try await administration.delete(id: id) }
        print("Join token \(id) deleted.")
    }
}

/// The cloud's refusal in its own words (`Error: <message>`), not the enum's debug form.
private func refusalsAsMessages<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as ComputeError {
        switch error {
        case .badRequest(let message), .forbidden(let message), .notFound(let message), .conflict(let message),
             .notImplemented(let message), .overLimit(let message):
            standardErrorLine("Error: " + message)
            throw ExitCode.failure
        }
    }
}

/// `stratus admin revoke-host NAME`: shut an enrolled host out while it runs (a
/// host that cannot be trusted any more). `openstack compute service delete`
/// revokes too, but only once the host is down.
struct AdminRevokeHost: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke-host",
        abstract: "Revoke every certificate of an enrolled host at once: its next call to the controller is refused.",
        discussion: "Its servers and its compute service stay; it can only come back with a new join token.")

    @OptionGroup var data: DataDirectoryOption
    @Argument(help: "The host's name, as it enrolled.") var name: String

    func run() async throws {
        let administration = try JoinTokenAdministration(dataDirectory: data.dataDirectory)
        let revoked = try await refusalsAsMessages { try await administration.revokeHost(name: name) }
        print(revoked == 0
            ? "Host \(name) had no standing certificate; nothing was revoked."
            : "Revoked \(revoked) certificate(s) of host \(name); its next call to the controller is refused.")
    }
}
