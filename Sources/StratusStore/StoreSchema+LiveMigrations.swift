extension StoreSchema {
    /// A live migration in flight: its phases as JSON, and the other host
    /// involved as its own column, so that host's agent finds the instance too
    /// (the destination before the transfer, the source after it).
    static let liveMigrationsV15 = """
        ALTER TABLE instances ADD COLUMN live_migration TEXT;
        ALTER TABLE instances ADD COLUMN migration_peer_host_id TEXT;
        CREATE INDEX instances_by_migration_peer ON instances (migration_peer_host_id)
            WHERE migration_peer_host_id IS NOT NULL;
        """
}
