import Foundation
import GRDB

extension StoreSchema {
    /// A project's live servers, cores and RAM as running totals, kept by triggers
    /// in the same transaction as every instance row change: the quota check of a
    /// create reads one row instead of summing the project's servers (a sum that
    /// ran inside the single writer's transaction, so creates slowed as the table
    /// grew). "Live" is what the sum counted: `vm_state` other than `deleted`.
    static func projectUsageV23(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE project_instance_usage (
                project_id TEXT PRIMARY KEY NOT NULL,
                instances INTEGER NOT NULL DEFAULT 0,
                cores INTEGER NOT NULL DEFAULT 0,
                ram_mib INTEGER NOT NULL DEFAULT 0
            );
            INSERT INTO project_instance_usage (project_id, instances, cores, ram_mib)
                SELECT project_id, count(*), sum(vcpus), sum(memory_mib) FROM instances
                WHERE vm_state != 'deleted' GROUP BY project_id;

            CREATE TRIGGER project_usage_insert AFTER INSERT ON instances
            WHEN NEW.vm_state != 'deleted' BEGIN
                INSERT INTO project_instance_usage (project_id, instances, cores, ram_mib)
                VALUES (NEW.project_id, 1, NEW.vcpus, NEW.memory_mib)
                ON CONFLICT (project_id) DO UPDATE SET
                    instances = instances + 1, cores = cores + excluded.cores, ram_mib = ram_mib + excluded.ram_mib;
            END;

            -- An update is the old row leaving the totals and the new one joining them.
            CREATE TRIGGER project_usage_update_old AFTER UPDATE OF vm_state, vcpus, memory_mib, project_id ON instances
            WHEN OLD.vm_state != 'deleted' BEGIN
                UPDATE project_instance_usage SET
                    instances = instances - 1, cores = cores - OLD.vcpus, ram_mib = ram_mib - OLD.memory_mib
                WHERE project_id = OLD.project_id;
            END;
            CREATE TRIGGER project_usage_update_new AFTER UPDATE OF vm_state, vcpus, memory_mib, project_id ON instances
            WHEN NEW.vm_state != 'deleted' BEGIN
                INSERT INTO project_instance_usage (project_id, instances, cores, ram_mib)
                VALUES (NEW.project_id, 1, NEW.vcpus, NEW.memory_mib)
                ON CONFLICT (project_id) DO UPDATE SET
                    instances = instances + 1, cores = cores + excluded.cores, ram_mib = ram_mib + excluded.ram_mib;
            END;

            CREATE TRIGGER project_usage_delete AFTER DELETE ON instances
            WHEN OLD.vm_state != 'deleted' BEGIN
                UPDATE project_instance_usage SET
                    instances = instances - 1, cores = cores - OLD.vcpus, ram_mib = ram_mib - OLD.memory_mib
                WHERE project_id = OLD.project_id;
            END;
            """)
    }
}
