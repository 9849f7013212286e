extension StoreSchema {
    /// Membership rows stay when a server is deleted; reads join live instances.
    static let serverGroupsV9 = """
        CREATE TABLE server_groups (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            project_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            policy TEXT NOT NULL,
            max_server_per_host INTEGER,
            created_at REAL NOT NULL
        );
        CREATE INDEX server_groups_by_project ON server_groups (project_id);
        CREATE TABLE server_group_members (
            group_id TEXT NOT NULL REFERENCES server_groups(id) ON DELETE CASCADE,
            instance_id TEXT NOT NULL UNIQUE,
            PRIMARY KEY (group_id, instance_id)
        );
        """
}
