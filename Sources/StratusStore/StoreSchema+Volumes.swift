extension StoreSchema {
    /// Block storage: each volume and attachment is its JSON document plus the
    /// columns lookups and constraints need. `volume_attachments.volume_id` is
    /// unique (a volume is on one server at a time) and references its volume,
    /// so a volume cannot be deleted while attached; `state` finds a host's
    /// pending work without decoding documents.
    static let volumesV20 = """
        CREATE TABLE volumes (
            id TEXT PRIMARY KEY NOT NULL,
            project_id TEXT NOT NULL,
            size_gib INTEGER NOT NULL,
            document TEXT NOT NULL,
            revision INTEGER NOT NULL,
            created_at REAL NOT NULL
        );
        CREATE INDEX volumes_by_project ON volumes (project_id, created_at);
        CREATE TABLE volume_attachments (
            id TEXT PRIMARY KEY NOT NULL,
            volume_id TEXT NOT NULL UNIQUE REFERENCES volumes(id),
            instance_id TEXT NOT NULL,
            state TEXT NOT NULL,
            document TEXT NOT NULL,
            created_at REAL NOT NULL
        );
        CREATE INDEX volume_attachments_by_instance ON volume_attachments (instance_id);
        CREATE INDEX volume_attachments_pending ON volume_attachments (state) WHERE state != 'attached';
        """
}
