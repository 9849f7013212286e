extension StoreSchema {
    /// The Networking v2 subset. Each resource is its JSON document plus the
    /// columns lookups and constraints need. The constraints are the guarantee
    /// when several controllers write: `ip_allocations` holds each address once
    /// per subnet, a MAC belongs to one port, a project has one `default` group,
    /// and a rule naming a group as its remote goes with that group (as in Neutron).
    /// A server's ports are also cached on its row (`instances.interfaces`), and a
    /// running backup's rotation (`instances.snapshot_backup`, createBackup).
    static let networkingV14 = """
        CREATE TABLE networks (
            id TEXT PRIMARY KEY NOT NULL,
            project_id TEXT NOT NULL,
            document TEXT NOT NULL,
            revision INTEGER NOT NULL,
            created_at REAL NOT NULL
        );
        CREATE TABLE subnets (
            id TEXT PRIMARY KEY NOT NULL,
            network_id TEXT NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
            document TEXT NOT NULL,
            revision INTEGER NOT NULL,
            created_at REAL NOT NULL
        );
        CREATE INDEX subnets_by_network ON subnets (network_id);
        CREATE TABLE ports (
            id TEXT PRIMARY KEY NOT NULL,
            network_id TEXT NOT NULL REFERENCES networks(id),
            project_id TEXT NOT NULL,
            device_id TEXT NOT NULL,
            mac_address TEXT NOT NULL UNIQUE,
            document TEXT NOT NULL,
            revision INTEGER NOT NULL,
            created_at REAL NOT NULL
        );
        CREATE INDEX ports_by_network ON ports (network_id);
        CREATE INDEX ports_by_project ON ports (project_id);
        CREATE INDEX ports_by_device ON ports (device_id);
        CREATE TABLE ip_allocations (
            subnet_id TEXT NOT NULL REFERENCES subnets(id),
            address INTEGER NOT NULL,
            port_id TEXT NOT NULL REFERENCES ports(id) ON DELETE CASCADE,
            PRIMARY KEY (subnet_id, address)
        );
        CREATE INDEX ip_allocations_by_port ON ip_allocations (port_id);
        CREATE TABLE port_security_groups (
            port_id TEXT NOT NULL REFERENCES ports(id) ON DELETE CASCADE,
            security_group_id TEXT NOT NULL REFERENCES security_groups(id),
            PRIMARY KEY (port_id, security_group_id)
        );
        CREATE INDEX port_security_groups_by_group ON port_security_groups (security_group_id);
        CREATE TABLE security_groups (
            id TEXT PRIMARY KEY NOT NULL,
            project_id TEXT NOT NULL,
            name TEXT NOT NULL,
            document TEXT NOT NULL,
            revision INTEGER NOT NULL,
            created_at REAL NOT NULL
        );
        CREATE INDEX security_groups_by_project ON security_groups (project_id);
        CREATE UNIQUE INDEX security_groups_one_default ON security_groups (project_id) WHERE name = 'default';
        CREATE TABLE security_group_rules (
            id TEXT PRIMARY KEY NOT NULL,
            security_group_id TEXT NOT NULL REFERENCES security_groups(id) ON DELETE CASCADE,
            remote_group_id TEXT REFERENCES security_groups(id) ON DELETE CASCADE,
            document TEXT NOT NULL,
            created_at REAL NOT NULL
        );
        CREATE INDEX security_group_rules_by_group ON security_group_rules (security_group_id);
        ALTER TABLE instances ADD COLUMN interfaces TEXT NOT NULL DEFAULT '';
        ALTER TABLE instances ADD COLUMN snapshot_backup TEXT;
        """
}
