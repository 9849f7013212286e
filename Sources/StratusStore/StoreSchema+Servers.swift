extension StoreSchema {
    /// Instances keep deleted rows (Nova's soft-deleted rows): actions and
    /// `changes-since` still reach them. `vcpus` and `memory_mib` are copied
    /// out of the flavor so quota usage is one indexed aggregate.
    static let serversV8 = """
        CREATE TABLE instances (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            project_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            image_id TEXT NOT NULL,
            flavor_id TEXT NOT NULL,
            flavor TEXT NOT NULL,
            vcpus INTEGER NOT NULL,
            memory_mib INTEGER NOT NULL,
            vm_state TEXT NOT NULL,
            task_state TEXT,
            power_state INTEGER NOT NULL,
            has_launched INTEGER NOT NULL,
            host_id TEXT,
            host_name TEXT,
            availability_zone TEXT,
            requested_zone TEXT,
            metadata TEXT NOT NULL DEFAULT '{}',
            key_name TEXT,
            key_data TEXT,
            user_data TEXT,
            access_ipv4 TEXT NOT NULL DEFAULT '',
            access_ipv6 TEXT NOT NULL DEFAULT '',
            description TEXT,
            lock_holder TEXT,
            lock_reason TEXT,
            fault TEXT,
            task_request_id TEXT,
            reservation_id TEXT NOT NULL,
            launch_index INTEGER NOT NULL,
            tags TEXT NOT NULL DEFAULT '[]',
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            launched_at REAL,
            terminated_at REAL,
            version INTEGER NOT NULL
        );
        CREATE INDEX instances_by_project ON instances (project_id, vm_state);
        CREATE INDEX instances_by_host ON instances (host_id, vm_state);
        CREATE INDEX instances_unplaced ON instances (created_at) WHERE host_id IS NULL AND task_state = 'scheduling';
        CREATE INDEX instances_by_created ON instances (created_at, id);
        CREATE TABLE instance_actions (
            instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
            request_id TEXT NOT NULL,
            action TEXT NOT NULL,
            project_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            start_time REAL NOT NULL,
            updated_at REAL NOT NULL,
            message TEXT,
            PRIMARY KEY (instance_id, request_id)
        );
        CREATE TABLE instance_action_events (
            instance_id TEXT NOT NULL,
            request_id TEXT NOT NULL,
            event TEXT NOT NULL,
            start_time REAL NOT NULL,
            finish_time REAL,
            result TEXT,
            host TEXT,
            traceback TEXT,
            PRIMARY KEY (instance_id, request_id, event),
            FOREIGN KEY (instance_id, request_id) REFERENCES instance_actions (instance_id, request_id) ON DELETE CASCADE
        );
        CREATE TABLE quotas (
            project_id TEXT NOT NULL,
            resource TEXT NOT NULL,
            hard_limit INTEGER NOT NULL,
            PRIMARY KEY (project_id, resource)
        );
        """
}
