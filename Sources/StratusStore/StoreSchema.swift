import GRDB
import StratusCore

/// Versioned schema. Migrations are append-only: never edit one that shipped.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-identity") { db in
            try db.execute(sql: identityV1)
        }
        migrator.registerMigration("v2-system-scope-user-extra") { db in
            try db.execute(sql: systemAssignmentsV2)
        }
        migrator.registerMigration("v3-groups") { db in
            try db.execute(sql: groupsV3)
        }
        migrator.registerMigration("v4-flavors") { db in
            try db.execute(sql: flavorsV4)
            // Seeded once, here: an operator who deletes them does not get them back on restart.
            for flavor in DefaultFlavors.all { try SQLiteStore.insert(flavor, db) }
        }
        migrator.registerMigration("v5-compute-hosts-claims") { db in
            try db.execute(sql: hostsV5)
        }
        migrator.registerMigration("v6-keypairs") { db in
            try db.execute(sql: keypairsV6)
        }
        migrator.registerMigration("v8-servers") { db in
            try db.execute(sql: serversV8)
        }
        migrator.registerMigration("v9-server-groups") { db in
            try db.execute(sql: serverGroupsV9)
        }
        migrator.registerMigration("v10-pending-migrations") { db in
            try db.execute(sql: pendingMigrationsV10)
        }
        // Appended last although numbered 7: migrations are identified by name.
        migrator.registerMigration("v7-images") { db in
            try db.execute(sql: imagesV7)
        }
        migrator.registerMigration("v11-compute-microversions") { db in
            try db.execute(sql: computeMicroversionsV11)
        }
        migrator.registerMigration("v12-signing-certificates") { db in
            try db.execute(sql: signingCertificatesV12)
        }
        migrator.registerMigration("v13-server-snapshots") { db in
            try db.execute(sql: "ALTER TABLE instances ADD COLUMN snapshot_image_id TEXT")
        }
        migrator.registerMigration("v14-networking") { db in
            try db.execute(sql: networkingV14)
        }
        migrator.registerMigration("v15-live-migrations") { db in
            try db.execute(sql: liveMigrationsV15)
        }
        migrator.registerMigration("v16-requested-destination") { db in
            // 2.74: the host an administrator asked a create to use, read by the scheduler.
            try db.execute(sql: "ALTER TABLE instances ADD COLUMN requested_host TEXT;")
        }
        migrator.registerMigration("v17-placement-hints") { db in
            // The user's same_host / different_host hints (JSON), read by the scheduler.
            try db.execute(sql: "ALTER TABLE instances ADD COLUMN placement_hints TEXT;")
        }
        migrator.registerMigration("v18-quota-classes") { db in
            // os-quota-class-sets: the `default` class's limits replace the operator's
            // configured defaults for every project without its own.
            try db.execute(sql: """
                CREATE TABLE quota_classes (
                    class_name TEXT NOT NULL,
                    resource TEXT NOT NULL,
                    hard_limit INTEGER NOT NULL,
                    PRIMARY KEY (class_name, resource)
                );
                """)
        }
        migrator.registerMigration("v19-aggregates") { db in
            try db.execute(sql: aggregatesV19)
        }
        migrator.registerMigration("v20-volumes") { db in
            try db.execute(sql: volumesV20)
        }
        migrator.registerMigration("v21-project-quotas") { db in
            try projectQuotasV21(db)
        }
        migrator.registerMigration("v22-login-lockout") { db in
            // Keystone's failed_auth_count / failed_auth_at: the lockout's run of failures,
            // in the database so every controller replica sees the same count.
            try db.execute(sql: """
                ALTER TABLE users ADD COLUMN failed_login_count INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE users ADD COLUMN last_failed_login_at REAL;
                """)
        }
        migrator.registerMigration("v23-project-usage") { db in
            try projectUsageV23(db)
        }
        migrator.registerMigration("v24-host-enrollment") { db in
            try db.execute(sql: hostEnrollmentV24)
        }
        return migrator
    }

    /// Referential integrity lives in the database: deleting a user, project,
    /// domain or role cascades to its assignments and tokens in the same
    /// transaction, so a crash can never leave a dangling grant.
    static let identityV1 = """
        CREATE TABLE domains (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL UNIQUE,
            description TEXT NOT NULL DEFAULT '',
            enabled INTEGER NOT NULL,
            version INTEGER NOT NULL
        );
        CREATE TABLE projects (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            domain_id TEXT NOT NULL REFERENCES domains(id) ON DELETE CASCADE,
            description TEXT NOT NULL DEFAULT '',
            enabled INTEGER NOT NULL,
            tags TEXT NOT NULL DEFAULT '[]',
            version INTEGER NOT NULL,
            UNIQUE (domain_id, name)
        );
        CREATE TABLE users (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            domain_id TEXT NOT NULL REFERENCES domains(id) ON DELETE CASCADE,
            enabled INTEGER NOT NULL,
            password_hash TEXT,
            default_project_id TEXT REFERENCES projects(id) ON DELETE SET NULL,
            email TEXT,
            description TEXT,
            version INTEGER NOT NULL,
            UNIQUE (domain_id, name)
        );
        CREATE TABLE roles (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            domain_id TEXT REFERENCES domains(id) ON DELETE CASCADE,
            description TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX roles_name ON roles(name, IFNULL(domain_id, ''));
        CREATE TABLE role_implications (
            prior_role_id TEXT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
            implied_role_id TEXT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
            PRIMARY KEY (prior_role_id, implied_role_id)
        );
        CREATE TABLE project_role_assignments (
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            role_id TEXT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
            project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
            PRIMARY KEY (user_id, project_id, role_id)
        );
        CREATE INDEX project_role_assignments_project ON project_role_assignments(project_id);
        CREATE TABLE domain_role_assignments (
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            role_id TEXT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
            domain_id TEXT NOT NULL REFERENCES domains(id) ON DELETE CASCADE,
            PRIMARY KEY (user_id, domain_id, role_id)
        );
        CREATE TABLE tokens (
            secret_hash TEXT PRIMARY KEY NOT NULL,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            project_id TEXT REFERENCES projects(id) ON DELETE CASCADE,
            domain_id TEXT REFERENCES domains(id) ON DELETE CASCADE,
            methods TEXT NOT NULL,
            audit_id TEXT NOT NULL,
            issued_at REAL NOT NULL,
            expires_at REAL NOT NULL
        );
        CREATE INDEX tokens_user ON tokens(user_id);
        CREATE INDEX tokens_expiry ON tokens(expires_at);
        CREATE TABLE audit_records (
            id TEXT PRIMARY KEY NOT NULL,
            time REAL NOT NULL,
            request_id TEXT NOT NULL,
            actor_user_id TEXT,
            actor_project_id TEXT,
            action TEXT NOT NULL,
            target_type TEXT NOT NULL,
            target_id TEXT NOT NULL
        );
        CREATE INDEX audit_records_time ON audit_records(time);
        """

    /// Roles held on, and tokens scoped to, the whole deployment (Keystone's system
    /// scope); users' extra attributes.
    static let systemAssignmentsV2 = """
        CREATE TABLE system_role_assignments (
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            role_id TEXT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
            PRIMARY KEY (user_id, role_id)
        );
        ALTER TABLE tokens ADD COLUMN system_scope INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE users ADD COLUMN extra TEXT NOT NULL DEFAULT '{}';
        """

    /// Groups, their members, and roles granted to groups on each kind of scope.
    static let groupsV3 = """
        CREATE TABLE groups (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            domain_id TEXT NOT NULL REFERENCES domains(id) ON DELETE CASCADE,
            description TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL,
            UNIQUE (domain_id, name)
        );
        CREATE TABLE group_members (
            group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            PRIMARY KEY (group_id, user_id)
        );
        CREATE INDEX group_members_user ON group_members(user_id);
        CREATE TABLE project_group_role_assignments (
            group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
            role_id TEXT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
            project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
            PRIMARY KEY (group_id, project_id, role_id)
        );
        CREATE TABLE domain_group_role_assignments (
            group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
            role_id TEXT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
            domain_id TEXT NOT NULL REFERENCES domains(id) ON DELETE CASCADE,
            PRIMARY KEY (group_id, domain_id, role_id)
        );
        CREATE TABLE system_group_role_assignments (
            group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
            role_id TEXT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
            PRIMARY KEY (group_id, role_id)
        );
        """

    /// Flavors, their extra specs, and the projects given a private flavor.
    static let flavorsV4 = """
        CREATE TABLE flavors (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL UNIQUE,
            vcpus INTEGER NOT NULL,
            memory_mib INTEGER NOT NULL,
            root_disk_gib INTEGER NOT NULL,
            ephemeral_gib INTEGER NOT NULL DEFAULT 0,
            swap_mib INTEGER NOT NULL DEFAULT 0,
            is_public INTEGER NOT NULL DEFAULT 1
        );
        CREATE TABLE flavor_extra_specs (
            flavor_id TEXT NOT NULL REFERENCES flavors(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (flavor_id, key)
        );
        CREATE TABLE flavor_projects (
            flavor_id TEXT NOT NULL REFERENCES flavors(id) ON DELETE CASCADE,
            project_id TEXT NOT NULL,
            PRIMARY KEY (flavor_id, project_id)
        );
        """

    /// Hosts and the resources claimed on them. `limit_*` is (total − reserved) ×
    /// ratio, computed by the core when the host is written, so the claim's
    /// capacity check is integer arithmetic inside one conditional UPDATE.
    static let hostsV5 = """
        CREATE TABLE compute_hosts (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL UNIQUE,
            availability_zone TEXT,
            enabled INTEGER NOT NULL,
            last_heartbeat REAL NOT NULL,
            total_vcpus INTEGER NOT NULL, total_memory_mib INTEGER NOT NULL, total_disk_gib INTEGER NOT NULL,
            reserved_vcpus INTEGER NOT NULL, reserved_memory_mib INTEGER NOT NULL, reserved_disk_gib INTEGER NOT NULL,
            cpu_ratio REAL NOT NULL, ram_ratio REAL NOT NULL, disk_ratio REAL NOT NULL,
            limit_vcpus INTEGER NOT NULL, limit_memory_mib INTEGER NOT NULL, limit_disk_gib INTEGER NOT NULL,
            used_vcpus INTEGER NOT NULL DEFAULT 0, used_memory_mib INTEGER NOT NULL DEFAULT 0,
            used_disk_gib INTEGER NOT NULL DEFAULT 0,
            aggregate_metadata TEXT NOT NULL DEFAULT '{}',
            traits TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE resource_claims (
            instance_id TEXT PRIMARY KEY NOT NULL,
            host_id TEXT NOT NULL REFERENCES compute_hosts(id),
            vcpus INTEGER NOT NULL, memory_mib INTEGER NOT NULL, disk_gib INTEGER NOT NULL
        );
        CREATE INDEX resource_claims_host ON resource_claims(host_id);
        """

    /// Users' SSH public keys; `number` is Nova's integer id.
    static let keypairsV6 = """
        CREATE TABLE keypairs (
            number INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            public_key TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            created_at REAL NOT NULL,
            UNIQUE (user_id, name)
        );
        """
}
