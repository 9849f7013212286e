import Foundation
import GRDB
import StratusCore

/// The Store port on SQLite: a WAL-mode pool (concurrent readers, one writer),
/// versioned migrations, one transaction per `commit`.
public final class SQLiteStore: Sendable {
    let pool: DatabasePool

    /// Opens (creating if needed) the database file and migrates it.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Several processes may share the file; wait for the writer lock
        // instead of failing at once.
        configuration.busyMode = .timeout(10)
        configuration.label = "stratus"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        try StoreSchema.migrator.migrate(pool)
    }

    /// Runs reads in one snapshot.
    func read<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch let error as DatabaseError {
            throw StoreError.unavailable(error.description)
        }
    }

    /// Runs writes in one transaction, translating SQLite's constraint errors.
    func write(_ body: @Sendable @escaping (Database) throws -> Void) async throws {
        do {
            try await pool.write(body)
        } catch let error as DatabaseError {
            throw Self.translate(error)
        }
    }

    static func translate(_ error: DatabaseError) -> StoreError {
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY:
            return .duplicate(error.message ?? "duplicate")
        case .SQLITE_CONSTRAINT_FOREIGNKEY:
            return .missingReference(error.message ?? "missing reference")
        default:
            return .unavailable(error.description)
        }
    }
}

extension Database {
    /// A compare-and-set UPDATE or DELETE must touch exactly one row.
    func executeChecked(_ sql: String, _ arguments: StatementArguments, what: String) throws {
        try execute(sql: sql, arguments: arguments)
        guard changesCount == 1 else { throw StoreError.versionConflict(what) }
    }
}
