import GRDB

extension StoreSchema {
    /// Remote compute hosts' enrollment: one-time join tokens (the secret's
    /// SHA-256 only) and the certificates issued with them, by serial. A token's
    /// use is a conditional UPDATE on `used_at IS NULL`, so it enrolls one host;
    /// a credential's revocation is `revoked_at`, kept as history.
    static let hostEnrollmentV24 = """
        CREATE TABLE join_tokens (
            id TEXT PRIMARY KEY NOT NULL,
            secret_hash TEXT NOT NULL,
            created_at REAL NOT NULL,
            expires_at REAL NOT NULL,
            used_at REAL,
            used_by_host_name TEXT,
            description TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE host_credentials (
            serial TEXT PRIMARY KEY NOT NULL,
            host_name TEXT NOT NULL,
            issued_at REAL NOT NULL,
            expires_at REAL NOT NULL,
            revoked_at REAL,
            join_token_id TEXT NOT NULL
        );
        CREATE INDEX host_credentials_by_host ON host_credentials (host_name, issued_at);
        """
}
