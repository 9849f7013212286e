extension StoreSchema {
    /// Host aggregates and their hosts. A host's aggregate metadata and zone are
    /// read through these tables whenever hosts are read, so the scheduler sees a
    /// membership change on its next pass; the metadata a host reports itself
    /// stays in `compute_hosts.aggregate_metadata`.
    static let aggregatesV19 = """
        CREATE TABLE aggregates (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uuid TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL UNIQUE,
            metadata TEXT NOT NULL DEFAULT '{}',
            created_at REAL NOT NULL,
            updated_at REAL
        );
        CREATE TABLE aggregate_hosts (
            aggregate_id INTEGER NOT NULL REFERENCES aggregates (id) ON DELETE CASCADE,
            host_name TEXT NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (aggregate_id, host_name)
        );
        CREATE INDEX aggregate_hosts_by_host ON aggregate_hosts (host_name);
        """
}
