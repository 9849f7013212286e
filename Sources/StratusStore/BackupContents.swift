import Foundation

/// What a database snapshot holds, as a backup's manifest records it: the
/// schema's migrations, and every live project, user, image and server (deleted
/// images and servers keep rows, which are left out). Read from the snapshot
/// itself, so it is exactly what a restore brings back.
public struct BackupContents: Sendable, Equatable, Codable {
    public struct Project: Sendable, Equatable, Codable {
        public var id: String
        public var name: String
        public var domainID: String
    }

    public struct User: Sendable, Equatable, Codable {
        public var id: String
        public var name: String
        public var domainID: String
    }

    public struct Image: Sendable, Equatable, Codable {
        public var id: String
        public var name: String?
        public var status: String
        public var size: Int64?
        /// Glance's `checksum` (MD5, hex) and `os_hash_algo` / `os_hash_value`.
        public var checksum: String?
        public var hashAlgorithm: String?
        public var hashValue: String?

        /// Active and deactivated images have verified data in the image store;
        /// every other status has none (or none that recovery keeps).
        public var hasData: Bool { status == "active" || status == "deactivated" }
    }

    public struct Server: Sendable, Equatable, Codable {
        public var id: String
        public var name: String
        public var projectID: String
        public var vmState: String
        public var taskState: String?
        public var hostID: String?
    }

    /// The schema migrations applied, oldest first.
    public var migrations: [String]
    public var projects: [Project]
    public var users: [User]
    public var images: [Image]
    public var servers: [Server]
}
