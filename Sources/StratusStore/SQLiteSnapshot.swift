import Foundation
import GRDB

/// The database half of a control-plane backup and restore. The live database
/// is a WAL file other processes (a running `stratus serve`) keep writing; it is
/// opened here as a pool, only ever read, never migrated.
public enum SQLiteSnapshot {
    /// Copies the live database at `source` into a new file `destination` (private,
    /// 0600) with SQLite's online backup, a step of pages at a time (`progress`
    /// gets bytes copied and the total). The source's read transaction is opened,
    /// and its snapshot taken, before the first page is copied: every step then reads
    /// that one snapshot, so the copy is the database as of one instant. Without it
    /// each step would start a fresh read and any write in between would restart
    /// the copy from page one — for ever under steady traffic. The copy leaves WAL
    /// mode: one self-contained file. Returns its size.
    public static func copy(
        from source: String, to destination: String,
        progress: @escaping @Sendable (_ copiedBytes: Int64, _ totalBytes: Int64) -> Void
    ) async throws -> Int64 {
        guard FileManager.default.fileExists(atPath: source) else { throw SnapshotError("no database at \(source)") }
        return try await BlockingIO.run {
            guard FileManager.default.createFile(atPath: destination, contents: nil, attributes: [.posixPermissions: 0o600])
            else { throw SnapshotError("cannot create \(destination)") }
            var liveConfiguration = Configuration()
            liveConfiguration.busyMode = .timeout(10)  // a writer's checkpoint may hold the lock a moment
            liveConfiguration.label = "stratus-backup-source"
            let live = try DatabasePool(path: source, configuration: liveConfiguration)
            let copy = try DatabaseQueue(path: destination)
            try copy.writeWithoutTransaction { target in
                try live.read { db in
                    let pageSize = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
                    _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")  // takes the snapshot
                    try db.backup(to: target, pagesPerStep: 256) { step in
                        let total = Int64(step.totalPageCount) * pageSize
                        progress(total - Int64(step.remainingPageCount) * pageSize, total)
                    }
                }
                try target.execute(sql: "PRAGMA journal_mode = DELETE")
            }
            try copy.close()
            try live.close()
            let size = try FileManager.default.attributesOfItem(atPath: destination)[.size] as? NSNumber
            return size?.int64Value ?? 0
        }
    }

    /// Checks a snapshot file before it is restored: SQLite's `quick_check` passes
    /// and every migration it has applied is one this build knows (a backup from a
    /// newer Stratus is refused rather than half understood).
    public static func verify(_ path: String) async throws {
        try await readOnly(path) { db in
            let check = try String.fetchAll(db, sql: "PRAGMA quick_check")
            guard check == ["ok"] else {
                throw SnapshotError("the database copy fails SQLite's check: \(check.prefix(5).joined(separator: "; "))")
            }
            guard try !StoreSchema.migrator.hasBeenSuperseded(db) else {
                let unknown = try StoreSchema.migrator.appliedIdentifiers(db)
                    .subtracting(StoreSchema.migrator.migrations).sorted()
                throw SnapshotError(
                    "the backup's database has migrations this stratus does not know (\(unknown.joined(separator: ", "))): restore it with the version that took it, or a newer one")
            }
        }
    }

    /// What the snapshot at `path` holds (see `BackupContents`).
    public static func contents(of path: String) async throws -> BackupContents {
        try await readOnly(path) { db in
            BackupContents(
                migrations: try StoreSchema.migrator.appliedMigrations(db),
                projects: try Row.fetchAll(db, sql: "SELECT id, name, domain_id FROM projects ORDER BY id").map { row in
                    .init(id: try row.decode(forColumn: "id"), name: try row.decode(forColumn: "name"),
                          domainID: try row.decode(forColumn: "domain_id"))
                },
                users: try Row.fetchAll(db, sql: "SELECT id, name, domain_id FROM users ORDER BY id").map { row in
                    .init(id: try row.decode(forColumn: "id"), name: try row.decode(forColumn: "name"),
                          domainID: try row.decode(forColumn: "domain_id"))
                },
                images: try Row.fetchAll(db, sql: """
                    SELECT id, name, status, size, checksum, os_hash_algo, os_hash_value FROM images
                    WHERE status != 'deleted' ORDER BY id
                    """).map { row in
                    .init(id: try row.decode(forColumn: "id"), name: try row.decode(forColumn: "name"),
                          status: try row.decode(forColumn: "status"), size: try row.decode(forColumn: "size"),
                          checksum: try row.decode(forColumn: "checksum"),
                          hashAlgorithm: try row.decode(forColumn: "os_hash_algo"),
                          hashValue: try row.decode(forColumn: "os_hash_value"))
                },
                servers: try Row.fetchAll(db, sql: """
                    SELECT id, name, project_id, vm_state, task_state, host_id FROM instances
                    WHERE vm_state != 'deleted' ORDER BY id
                    """).map { row in
                    .init(id: try row.decode(forColumn: "id"), name: try row.decode(forColumn: "name"),
                          projectID: try row.decode(forColumn: "project_id"), vmState: try row.decode(forColumn: "vm_state"),
                          taskState: try row.decode(forColumn: "task_state"), hostID: try row.decode(forColumn: "host_id"))
                })
        }
    }

    /// Restore: images whose data the backup could not hold go back to `queued`
    /// with no size or checksums (Glance's "no data yet"), so nothing claims bytes
    /// that are not there and their owners can upload the data again.
    public static func markImagesWithoutData(_ imageIDs: [String], in path: String) async throws {
        guard !imageIDs.isEmpty else { return }
        try await BlockingIO.run {
            let database = try DatabaseQueue(path: path)
            try database.write { db in
                for id in imageIDs {
                    try db.execute(
                        sql: """
                            UPDATE images SET status = 'queued', size = NULL, virtual_size = NULL, checksum = NULL,
                                os_hash_algo = NULL, os_hash_value = NULL, version = version + 1
                            WHERE id = ?
                            """,
                        arguments: [id])
                }
            }
            try database.close()
        }
    }

    private static func readOnly<T: Sendable>(_ path: String, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        guard FileManager.default.fileExists(atPath: path) else { throw SnapshotError("no database at \(path)") }
        return try await BlockingIO.run {
            var configuration = Configuration()
            configuration.readonly = true
            let database = try DatabaseQueue(path: path, configuration: configuration)
            let value = try database.read(body)
            try database.close()
            return value
        }
    }
}

public struct SnapshotError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
