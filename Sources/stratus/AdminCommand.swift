import ArgumentParser

/// `stratus admin …`: what an operator does that has no OpenStack API.
struct Admin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Operate a cloud's data directory: passwords, status, configuration, backup and restore.",
        subcommands: [])
}
