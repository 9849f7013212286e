extension StoreSchema {
    /// A resize or cold migration in flight: the pending state as JSON, and the
    /// source host as its own column so a host's agent finds the originals it keeps.
    static let pendingMigrationsV10 = """
        ALTER TABLE instances ADD COLUMN migration TEXT;
        ALTER TABLE instances ADD COLUMN source_host_id TEXT;
        CREATE INDEX instances_by_source_host ON instances (source_host_id) WHERE source_host_id IS NOT NULL;
        CREATE INDEX instances_migrating ON instances (updated_at) WHERE task_state = 'resize_prep';
        """
}
