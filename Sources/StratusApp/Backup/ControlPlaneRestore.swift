import Foundation
import StratusCore
import StratusStore

/// `stratus admin restore DIR --data-dir NEW`: a backup brought back as a new data
/// directory that `stratus serve --data-dir NEW` starts. Every file is checked
/// against the manifest (and the database by SQLite) before anything is written;
/// the target must be new or empty and is locked as a serve locks it, so no
/// cloud starts on a half-restored directory. The hosts then reconcile against
/// the restored state: guests of servers created after the backup are strays
/// (`stratus serve --stray-guests`).
public struct ControlPlaneRestore: Sendable {
    public var backup: String
    public var dataDirectory: String

    public init(backup: String, dataDirectory: String) {
        self.backup = backup
        self.dataDirectory = dataDirectory
    }

    public func run(progress: @escaping @Sendable (String) -> Void) async throws -> BackupManifest {
        let source = URL(fileURLWithPath: backup).standardizedFileURL.path
        let target = URL(fileURLWithPath: dataDirectory).standardizedFileURL.path
        let manifest = try BackupManifest.read(from: source)
        try Self.checkShape(of: manifest)
        try await verify(manifest, in: source, progress: progress)
        let created = try Self.claimEmpty(target)
        // Whatever is there once the lock is held (a serve started meanwhile) is someone
        // else's and is never cleaned up; only what the copy writes is.
        let lock = try DataDirectoryLock(directory: target)
        defer { withExtendedLifetime(lock) {} }
        let present = try FileManager.default.contentsOfDirectory(atPath: target)
        guard present == ["stratus.lock"] else {
            throw BackupError("\(target) changed as the restore began (it holds \(present.sorted().joined(separator: ", "))): restore into a new directory")
        }
        do {
            try await copy(manifest, from: source, into: target, progress: progress)
            return manifest
        } catch {
            throw Self.emptying(target, removingIt: created, after: error)
        }
    }

    /// The manifest's own promises: a known format, only paths a data directory
    /// has, the database, and a file for every image it says has data.
    static func checkShape(of manifest: BackupManifest) throws {
        guard manifest.format == BackupManifest.currentFormat else {
            throw BackupError("the backup's format \(manifest.format) is not one this stratus restores (\(BackupManifest.currentFormat))")
        }
        let paths = Set(manifest.files.map(\.path))
        if let foreign = manifest.files.first(where: { !BackupManifest.isAllowed($0.path) }) {
            throw BackupError("the manifest names \(foreign.path), which no backup holds: refusing a tampered or foreign backup")
        }
        guard paths.contains(BackupManifest.databaseFile) else { throw BackupError("the manifest names no database") }
        let withoutData = Set(manifest.imagesWithoutData.map(\.id))
        for image in manifest.contents.images where image.hasData && !withoutData.contains(image.id) {
            guard paths.contains("images/" + image.id) else {
                throw BackupError("the manifest lists image \(image.id) with data but no file for it")
            }
        }
    }

    /// Every file's size and SHA-512 as the manifest says, then SQLite's own check.
    private func verify(_ manifest: BackupManifest, in source: String, progress: @escaping @Sendable (String) -> Void) async throws {
        let every = max(1, manifest.files.count / 20)
        for (index, file) in manifest.files.enumerated() {
            let path = source + "/" + file.path
            guard FileManager.default.fileExists(atPath: path) else { throw BackupError("the backup is missing \(file.path)") }
            let receipt = try await BackupFiles.run { try BackupFiles.hash(path) }
            try Self.check(receipt, against: file)
            if (index + 1) % every == 0 || index + 1 == manifest.files.count {
                progress("verifying: \(index + 1)/\(manifest.files.count) files")
            }
        }
        do {
            try await SQLiteSnapshot.verify(source + "/" + BackupManifest.databaseFile)
        } catch let error as SnapshotError {
            throw BackupError("\(BackupManifest.databaseFile): \(error)")
        }
        progress("verifying: the database passes SQLite's check")
    }

    static func check(_ receipt: ImageDataReceipt, against file: BackupManifest.File) throws {
        guard receipt.size == file.size, receipt.sha512 == file.sha512 else {
            throw BackupError(
                "\(file.path) does not match the manifest (size \(receipt.size), manifest \(file.size); sha512 \(receipt.sha512 == file.sha512 ? "equal" : "differs")): the backup is damaged; nothing was restored")
        }
    }

    /// Makes the target (0700) or accepts an empty one; true when it was made here.
    static func claimEmpty(_ target: String) throws -> Bool {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw BackupError("\(target) exists and is not a directory") }
            let present = try FileManager.default.contentsOfDirectory(atPath: target)
            guard present.isEmpty else {
                throw BackupError("the data directory \(target) exists and is not empty: a restore writes into a new (or empty) directory")
            }
            try BackupFiles.makePrivateDirectory(target)
            return false
        }
        try BackupFiles.makePrivateDirectory(target)
        return true
    }

    /// Copies under temporary names, checking each copy's digest again (the backup
    /// could change between the check and the copy), and gives the database its
    /// name last: a directory without `stratus.sqlite` is not a cloud yet.
    private func copy(
        _ manifest: BackupManifest, from source: String, into target: String, progress: @escaping @Sendable (String) -> Void
    ) async throws {
        try BackupFiles.makePrivateDirectory(target + "/images")
        if manifest.files.contains(where: { $0.path.hasPrefix("migration-ca/") }) {
            try BackupFiles.makePrivateDirectory(target + "/migration-ca")
        }
        let files = manifest.files.filter { $0.path != BackupManifest.databaseFile }
        let every = max(1, files.count / 20)
        for (index, file) in files.enumerated() {
            let final = target + "/" + file.path
            let folder = URL(fileURLWithPath: final).deletingLastPathComponent().path
            // The image store's own partial prefix: a crash here leaves debris its recovery removes.
            let temporary = folder + "/.partial-restore-" + URL(fileURLWithPath: final).lastPathComponent
            let from = source + "/" + file.path
            let receipt = try await BackupFiles.run { try BackupFiles.copy(from, to: temporary) }
            try Self.check(receipt, against: file)
            try BackupFiles.renameItem(temporary, to: final)
            if (index + 1) % every == 0 || index + 1 == files.count {
                progress("restoring: \(index + 1)/\(files.count) files")
            }
        }
        let database = target + "/.partial-restore-" + BackupManifest.databaseFile
        let from = source + "/" + BackupManifest.databaseFile
        let receipt = try await BackupFiles.run { try BackupFiles.copy(from, to: database) }
        guard let expected = manifest.files.first(where: { $0.path == BackupManifest.databaseFile }) else {
            throw BackupError("the manifest names no database")
        }
        try Self.check(receipt, against: expected)
        try await SQLiteSnapshot.markImagesWithoutData(manifest.imagesWithoutData.map(\.id), in: database)
        for folder in [target + "/images", target + "/migration-ca"] where FileManager.default.fileExists(atPath: folder) {
            try BackupFiles.syncDirectory(folder)
        }
        try BackupFiles.renameItem(database, to: target + "/" + BackupManifest.databaseFile)
        try BackupFiles.syncDirectory(target)
        progress("restoring: database \(BackupFiles.size(receipt.size))")
    }

    /// The failure, after taking the target back to how it was found (gone, or
    /// empty); a removal that fails too is added to the message.
    static func emptying(_ target: String, removingIt: Bool, after error: any Error) -> any Error {
        if removingIt { return ControlPlaneBackup.removing(target, after: error) }
        do {
            for name in try FileManager.default.contentsOfDirectory(atPath: target) {
                try FileManager.default.removeItem(atPath: target + "/" + name)
            }
            return error
        } catch let cleanup {
            return BackupError("\(error); and \(target) could not be emptied: \(cleanup)")
        }
    }
}
