import Foundation

/// The data directory holds password hashes, token digests, the cloud's CA key
/// and image data: it and the database files are the service user's alone
/// (0700 / 0600), whatever the umask, and a directory made earlier with wider
/// permissions is narrowed at start.
enum PrivateDataDirectory {
    static let directoryMode: Int16 = 0o700
    static let fileMode: Int16 = 0o600

    /// The directory alone: what the data directory's lock needs before anything else.
    static func makeDirectory(_ path: String) throws {
        let files = FileManager.default
        try files.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: directoryMode])
        try files.setAttributes([.posixPermissions: directoryMode], ofItemAtPath: path)
    }

    static func prepare(_ configuration: StratusConfiguration) throws {
        let files = FileManager.default
        try makeDirectory(configuration.dataDirectory)
        // SQLite gives its -wal and -shm files the main file's mode, so making the main
        // file 0600 before the first open keeps all three private.
        let database = configuration.databasePath
        if !files.fileExists(atPath: database) {
            guard files.createFile(atPath: database, contents: nil, attributes: [.posixPermissions: fileMode]) else {
                throw ConfigurationError("cannot create \(database)")
            }
        }
        for path in [database, database + "-wal", database + "-shm"] where files.fileExists(atPath: path) {
            try files.setAttributes([.posixPermissions: fileMode], ofItemAtPath: path)
        }
    }
}
