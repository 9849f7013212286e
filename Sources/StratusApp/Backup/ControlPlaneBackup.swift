import Foundation
import StratusCore
import StratusStore
import Synchronization

/// `stratus admin backup DIR`: a consistent copy of a cloud's control plane taken
/// while it serves — the database (one instant of it), the data of every image
/// that instant says has data (each copy checked against the checksums in its
/// row), and the migration CA. Host state (`qemu/`: guests, disks, the image
/// cache) is not the control plane's and is not copied. The serving process's
/// lock on the data directory is left alone: the backup only reads.
///
/// Everything is written into `DIR.partial` and renamed to `DIR` once the
/// manifest is in, so an interrupted backup never looks complete.
public struct ControlPlaneBackup: Sendable {
    public var dataDirectory: String
    public var destination: String
    /// Database snapshots taken at most: an image deleted between a snapshot and
    /// the copy of its file leaves the snapshot naming data that is gone, and a
    /// fresh snapshot (which has the delete) settles it.
    public var snapshotAttempts = 3

    public init(dataDirectory: String, destination: String) {
        self.dataDirectory = dataDirectory
        self.destination = destination
    }

    /// Takes the backup; `progress` gets one line per step worth showing.
    public func run(progress: @escaping @Sendable (String) -> Void) async throws -> BackupManifest {
        let source = URL(fileURLWithPath: dataDirectory).standardizedFileURL.path
        let target = URL(fileURLWithPath: destination).standardizedFileURL.path
        let database = source + "/" + BackupManifest.databaseFile
        guard FileManager.default.fileExists(atPath: database) else {
            throw BackupError("\(source) is not a Stratus data directory: it has no \(BackupManifest.databaseFile)")
        }
        guard !FileManager.default.fileExists(atPath: target) else {
            throw BackupError("\(target) already exists: a backup is written into a new directory")
        }
        let partial = target + ".partial"
        guard !FileManager.default.fileExists(atPath: partial) else {
            throw BackupError("\(partial) exists: an earlier backup was interrupted there; remove it, then run the backup again")
        }
        try BackupFiles.makePrivateDirectory(partial + "/images")
        do {
            let manifest = try await write(from: source, into: partial, progress: progress)
            try BackupFiles.writePrivate(try manifest.encoded(), to: partial + "/" + BackupManifest.fileName)
            for folder in [partial + "/images", partial + "/migration-ca", partial]
            where FileManager.default.fileExists(atPath: folder) {
                try BackupFiles.syncDirectory(folder)
            }
            try BackupFiles.renameItem(partial, to: target)
            try BackupFiles.syncDirectory(URL(fileURLWithPath: target).deletingLastPathComponent().path)
            return manifest
        } catch {
            throw Self.removing(partial, after: error)
        }
    }

    private func write(
        from source: String, into partial: String, progress: @escaping @Sendable (String) -> Void
    ) async throws -> BackupManifest {
        var images: [String: BackupManifest.File] = [:]
        var withoutData: [String: String] = [:]
        var contents: BackupContents?
        for attempt in 1...max(1, snapshotAttempts) {
            let snapshot = try await snapshotDatabase(source, into: partial, progress: progress)
            let wanted = snapshot.images.filter(\.hasData)
            let wantedIDs = Set(wanted.map(\.id))
            // Copies a previous snapshot wanted and this one does not (deleted meanwhile) go.
            for id in images.keys where !wantedIDs.contains(id) {
                try FileManager.default.removeItem(atPath: partial + "/images/" + id)
                images[id] = nil
            }
            withoutData = withoutData.filter { wantedIDs.contains($0.key) }
            let vanished = try await copyImages(
                wanted.filter { images[$0.id] == nil && withoutData[$0.id] == nil }, from: source, into: partial,
                copied: &images, damaged: &withoutData, progress: progress)
            contents = snapshot
            if vanished.isEmpty { break }
            if attempt == snapshotAttempts {
                for id in vanished {
                    withoutData[id] = "its data file was gone when the backup copied it (deleted after the database snapshot, or lost)"
                    progress("images: \(id): data file gone after \(attempt) snapshots; recorded as having no data")
                }
            } else {
                progress("images: \(vanished.count) data file(s) gone since the database snapshot (deleted meanwhile?); taking a fresh snapshot")
            }
        }
        guard let contents else { throw BackupError("no database snapshot was taken") }
        let authority = try await copyMigrationCA(from: source, into: partial)
        let database = try await BackupFiles.run {
            try BackupFiles.hash(partial + "/" + BackupManifest.databaseFile)
        }
        var files = [BackupManifest.File(path: BackupManifest.databaseFile, size: database.size, sha512: database.sha512)]
        files += images.values.sorted { $0.path < $1.path }
        files += authority
        let withData = contents.images.filter(\.hasData).count
        return BackupManifest(
            format: BackupManifest.currentFormat, stratusVersion: StratusVersion.current, createdAt: Date(),
            sourceDataDirectory: dataDirectory,
            counts: .init(
                projects: contents.projects.count, users: contents.users.count, images: contents.images.count,
                imagesWithData: withData - withoutData.count, servers: contents.servers.count,
                bytes: files.reduce(0) { $0 + $1.size }),
            files: files,
            imagesWithoutData: withoutData.map { .init(id: $0.key, reason: $0.value) }.sorted { $0.id < $1.id },
            contents: contents)
    }

    /// A fresh snapshot over any earlier one, and what it holds.
    private func snapshotDatabase(
        _ source: String, into partial: String, progress: @escaping @Sendable (String) -> Void
    ) async throws -> BackupContents {
        let copy = partial + "/" + BackupManifest.databaseFile
        if FileManager.default.fileExists(atPath: copy) { try FileManager.default.removeItem(atPath: copy) }
        let shown = Mutex<Int64>(-1)
        let size = try await SQLiteSnapshot.copy(from: source + "/" + BackupManifest.databaseFile, to: copy) { copied, total in
            // A line per tenth of the file at most.
            let due = shown.withLock { last in
                guard last < 0 || copied - last >= max(total / 10, 1) || copied == total else { return false }
                last = copied
                return true
            }
            if due && copied < total {
                progress("database: \(BackupFiles.size(copied)) of \(BackupFiles.size(total)) copied")
            }
        }
        progress("database: \(BackupFiles.size(size)) copied")
        return try await SQLiteSnapshot.contents(of: copy)
    }

    /// Copies each image's data file, checked against its row: size, MD5
    /// (`checksum`) and SHA-512 (`os_hash_value`). A file that no longer matches is
    /// left out and recorded in `damaged`; the ids of files gone are returned.
    private func copyImages(
        _ images: [BackupContents.Image], from source: String, into partial: String,
        copied: inout [String: BackupManifest.File], damaged: inout [String: String],
        progress: @escaping @Sendable (String) -> Void
    ) async throws -> [String] {
        var vanished: [String] = []
        let every = max(1, images.count / 20)
        for (index, image) in images.enumerated() {
            let from = source + "/images/" + image.id
            let to = partial + "/images/" + image.id
            let receipt: ImageDataReceipt
            do {
                receipt = try await BackupFiles.run { try BackupFiles.copy(from, to: to) }
            } catch is BackupFiles.Vanished {
                vanished.append(image.id)
                continue
            }
            if let mismatch = Self.mismatch(receipt, image) {
                try FileManager.default.removeItem(atPath: to)
                damaged[image.id] = "its data does not match the checksums recorded at upload (\(mismatch))"
                progress("images: \(image.id): data does not match its checksums (\(mismatch)); recorded as having no data")
            } else {
                copied[image.id] = .init(path: "images/" + image.id, size: receipt.size, sha512: receipt.sha512)
            }
            if (index + 1) % every == 0 || index + 1 == images.count {
                progress("images: \(index + 1)/\(images.count)")
            }
        }
        return vanished
    }

    static func mismatch(_ receipt: ImageDataReceipt, _ image: BackupContents.Image) -> String? {
        if let size = image.size, size != receipt.size { return "size \(receipt.size), recorded \(size)" }
        if let md5 = image.checksum, md5 != receipt.md5 { return "md5 \(receipt.md5), recorded \(md5)" }
        if image.hashAlgorithm == "sha512", let sha512 = image.hashValue, sha512 != receipt.sha512 {
            return "sha512 differs from os_hash_value"
        }
        return nil
    }

    /// `<data>/migration-ca/` (made on a QEMU cloud's first start, never changed after).
    private func copyMigrationCA(from source: String, into partial: String) async throws -> [BackupManifest.File] {
        let folder = source + "/migration-ca"
        guard FileManager.default.fileExists(atPath: folder) else { return [] }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        try BackupFiles.makePrivateDirectory(partial + "/migration-ca")
        var files: [BackupManifest.File] = []
        for name in names where BackupManifest.isAllowed("migration-ca/" + name) {
            let receipt = try await BackupFiles.run {
                try BackupFiles.copy(folder + "/" + name, to: partial + "/migration-ca/" + name)
            }
            files.append(.init(path: "migration-ca/" + name, size: receipt.size, sha512: receipt.sha512))
        }
        return files
    }

    /// The failure, after removing what the failed attempt wrote; a removal that
    /// fails too is added to the message (the operator has to remove it by hand).
    static func removing(_ path: String, after error: any Error) -> any Error {
        do {
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            return error
        } catch let cleanup {
            return BackupError("\(error); and \(path) could not be removed: \(cleanup)")
        }
    }
}
