extension StoreSchema {
    /// The key manager's certificates (image signing). The payload as sent; what was
    /// read off it, so lists need not parse certificates.
    static let signingCertificatesV12 = """
        CREATE TABLE signing_certificates (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT,
            payload BLOB NOT NULL,
            payload_content_type TEXT NOT NULL,
            subject TEXT NOT NULL,
            not_valid_before REAL NOT NULL,
            not_valid_after REAL NOT NULL,
            fingerprint_sha256 TEXT NOT NULL,
            creator_user_id TEXT NOT NULL,
            project_id TEXT,
            created_at REAL NOT NULL
        );
        CREATE INDEX signing_certificates_by_created ON signing_certificates (created_at, id);
        """
}
