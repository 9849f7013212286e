import Foundation
import StratusStore

/// `manifest.json` of a backup directory: what the backup holds and how to check
/// it. Written last, inside `DIR.partial`, just before the rename that makes the
/// backup whole; a restore trusts nothing the manifest does not vouch for.
public struct BackupManifest: Sendable, Equatable, Codable {
    /// This layout; a restore refuses formats it does not know.
    public static let currentFormat = 1
    public static let fileName = "manifest.json"
    public static let databaseFile = "stratus.sqlite"

    public var format: Int
    /// The release that took it (`StratusVersion`); what it can restore is decided by
    /// `format` and the database's migrations, this is for the operator.
    public var stratusVersion: String
    public var createdAt: Date
    /// The data directory backed up, as given.
    public var sourceDataDirectory: String
    public var counts: Counts
    /// Every file of the backup but this manifest, with its size and SHA-512.
    public var files: [File]
    /// Images the snapshot says have data whose data the backup does not hold, and
    /// why; a restore brings them back as `queued` (no data).
    public var imagesWithoutData: [ImageWithoutData]
    /// What the database snapshot holds, read from the snapshot itself.
    public var contents: BackupContents

    public struct Counts: Sendable, Equatable, Codable {
        public var projects: Int
        public var users: Int
        public var images: Int
        public var imagesWithData: Int
        public var servers: Int
        public var bytes: Int64
    }

    public struct File: Sendable, Equatable, Codable {
        /// Relative to the backup directory; the same relative path in a data directory.
        public var path: String
        public var size: Int64
        public var sha512: String
    }

    public struct ImageWithoutData: Sendable, Equatable, Codable {
        public var id: String
        public var reason: String
    }

    /// The only paths a backup may hold: the database, image data files by id, and
    /// the migration CA's files. Anything else in a manifest (`..`, absolute paths,
    /// other folders) is a tampered or foreign backup, refused before a byte is written.
    static func isAllowed(_ path: String) -> Bool {
        if path == databaseFile { return true }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, ["images", "migration-ca"].contains(parts[0]) else { return false }
        let name = parts[1]
        return !name.isEmpty && !name.hasPrefix(".")
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }

    static func read(from directory: String) throws -> BackupManifest {
        let path = directory + "/" + fileName
        guard FileManager.default.fileExists(atPath: path) else {
            let note = directory.hasSuffix(".partial") ? " (a .partial directory is an interrupted backup)" : ""
            throw BackupError("\(directory) is not a Stratus backup: it has no \(fileName)\(note)")
        }
        do {
            return try decoder.decode(BackupManifest.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw BackupError("\(path) is not a backup manifest Stratus can read: \(error)")
        }
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
