extension StoreSchema {
    /// A live migration in flight: its phases as JSON, and the other host
    /// involved as its own column, so that host's agent finds the instance too
    /// (the destination before the transfer, the source after it). And Nova's
    /// migration records, kept after each move ends (`os-migrations`); `final`
    /// finds a server's move in progress without a list of statuses. And the
    /// image's `hw_*` properties each server keeps from its boot.
    static let liveMigrationsV15 = """
        ALTER TABLE instances ADD COLUMN live_migration TEXT;
        ALTER TABLE instances ADD COLUMN migration_peer_host_id TEXT;
        CREATE INDEX instances_by_migration_peer ON instances (migration_peer_host_id)
            WHERE migration_peer_host_id IS NOT NULL;
        CREATE INDEX instances_migrating_live ON instances (id) WHERE task_state = 'migrating';
        ALTER TABLE instances ADD COLUMN image_hardware TEXT;

        CREATE TABLE migrations (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uuid TEXT NOT NULL UNIQUE,
            instance_id TEXT NOT NULL,
            project_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            status TEXT NOT NULL,
            final INTEGER NOT NULL DEFAULT 0,
            source_compute TEXT NOT NULL,
            dest_compute TEXT,
            dest_host TEXT,
            old_flavor_id TEXT NOT NULL,
            new_flavor_id TEXT NOT NULL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL
        );
        CREATE INDEX migrations_by_instance ON migrations (instance_id, final);
        CREATE INDEX migrations_by_updated ON migrations (updated_at);
        """
}
