import ArgumentParser
import Foundation
import StratusApp
import StratusCore

struct AdminBackup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back up a cloud's control plane (database, image data, migration CA) into a new directory, while it serves.",
        discussion: """
            The database is copied as of one instant (SQLite's online backup; the cloud keeps serving and \
            writing), then the data of every image that instant says has data, each copy checked against \
            its recorded checksums. Host state (the qemu/ folder: guests, disks, image cache) is not part \
            of a backup. Written as DIR.partial and renamed to DIR when complete, with DIR/manifest.json \
            listing every file's SHA-512 and what the backup holds.
            """)

    @Argument(help: "The backup directory to create (must not exist).") var directory: String
    @OptionGroup var data: DataDirectoryOption

    func run() async throws {
        let manifest = try await ControlPlaneBackup(dataDirectory: data.dataDirectory, destination: directory)
            .run(progress: standardErrorLine)
        let counts = manifest.counts
        print("""
            Backup complete: \(directory)
              \(counts.projects) projects, \(counts.users) users, \(counts.images) images (\(counts.imagesWithData) with data), \(counts.servers) servers; \(manifest.files.count) files, \(byteCount(counts.bytes))
            """)
        for image in manifest.imagesWithoutData {
            print("  warning: image \(image.id) is backed up without its data: \(image.reason)")
        }
    }
}

struct AdminRestore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup into a new data directory that stratus serve then starts.",
        discussion: """
            Every file is checked against the backup's manifest before anything is written; the target \
            must not exist or be empty. The restored cloud's admin password is the one it had when the \
            backup was taken (it is in the database; --admin-password at start replaces it). When it starts, its hosts reconcile against the \
            restored state: guests of servers created after the backup are strays, which \
            stratus serve --stray-guests adopt|destroy decides (adopt by default), logging each.
            """)

    @Argument(help: "The backup directory (made by stratus admin backup).") var directory: String
    @Option(name: .customLong("data-dir"), help: "The new data directory to restore into (must not exist, or be empty).")
    var dataDirectory: String

    func run() async throws {
        let manifest = try await ControlPlaneRestore(backup: directory, dataDirectory: dataDirectory)
            .run(progress: standardErrorLine)
        let counts = manifest.counts
        print("""
            Restored the backup of \(manifest.createdAt.formatted(.iso8601)) (Stratus \(manifest.stratusVersion)) into \(dataDirectory):
              \(counts.projects) projects, \(counts.users) users, \(counts.images) images, \(counts.servers) servers.
            Start it with: stratus serve --data-dir \(dataDirectory)
            The admin password is the one the cloud had when the backup was taken (it is in the database); \
            starting it with --admin-password replaces it, as on any start.
            Servers created after the backup are unknown to this cloud: their guests are strays, adopted or \
            destroyed by stratus serve --stray-guests (adopt by default), each decision logged.
            """)
        for image in manifest.imagesWithoutData {
            print("  note: image \(image.id) is restored as queued, without data: \(image.reason)")
        }
    }
}

/// Progress and refusals go to standard error, so standard output is the result alone.
@Sendable func standardErrorLine(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

private func byteCount(_ bytes: Int64) -> String {
    String(format: "%.1f MiB", Double(bytes) / 1_048_576)
}
