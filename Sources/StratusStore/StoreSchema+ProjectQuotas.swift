import Foundation
import GRDB

extension StoreSchema {
    /// Cinder's and Neutron's per-project limits and quota classes, by service
    /// (Nova's stay in `quotas`/`quota_classes`: the same word in two APIs never
    /// shares a limit, and reverting one API's quotas leaves the others'). Subnets
    /// and security group rules get the project column their counts need
    /// (filled from their documents), indexed like the other counted tables.
    static func projectQuotasV21(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE project_quotas (
                service TEXT NOT NULL,
                project_id TEXT NOT NULL,
                resource TEXT NOT NULL,
                hard_limit INTEGER NOT NULL,
                PRIMARY KEY (service, project_id, resource)
            );
            CREATE TABLE project_quota_classes (
                service TEXT NOT NULL,
                class_name TEXT NOT NULL,
                resource TEXT NOT NULL,
                hard_limit INTEGER NOT NULL,
                PRIMARY KEY (service, class_name, resource)
            );
            ALTER TABLE subnets ADD COLUMN project_id TEXT NOT NULL DEFAULT '';
            ALTER TABLE security_group_rules ADD COLUMN project_id TEXT NOT NULL DEFAULT '';
            """)
        // The documents' own `projectID`, read without the model (which may change after this ships).
        for table in ["subnets", "security_group_rules"] {
            for row in try Row.fetchAll(db, sql: "SELECT id, document FROM \(table)") {
                let document = try JSONSerialization.jsonObject(with: Data((row["document"] as String).utf8)) as? [String: Any]
                guard let projectID = document?["projectID"] as? String else { continue }
                try db.execute(sql: "UPDATE \(table) SET project_id = ? WHERE id = ?", arguments: [projectID, row["id"] as String])
            }
        }
        try db.execute(sql: """
            CREATE INDEX subnets_by_project ON subnets (project_id);
            CREATE INDEX security_group_rules_by_project ON security_group_rules (project_id);
            CREATE INDEX networks_by_project ON networks (project_id);
            """)
    }
}
