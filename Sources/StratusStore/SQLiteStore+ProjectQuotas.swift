import Foundation
import GRDB
import StratusCore

/// Cinder's and Neutron's per-project limits (`StoreSchema+ProjectQuotas`) and
/// the counts they are held to. One count per resource serves both the API's
/// usage and the check inside the inserting transaction, so the two agree.
extension SQLiteStore: ProjectQuotaStore {
    public func projectQuotaLimits(_ service: QuotaService, projectID: String) async throws -> [String: Int] {
        try await read { db in
            try Self.limits(
                db, "SELECT resource, hard_limit FROM project_quotas WHERE service = ? AND project_id = ?",
                [service.rawValue, projectID])
        }
    }

    public func projectQuotaLimitsByProject(_ service: QuotaService) async throws -> [String: [String: Int]] {
        try await read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT project_id, resource, hard_limit FROM project_quotas WHERE service = ?",
                arguments: [service.rawValue])
            return rows.reduce(into: [String: [String: Int]]()) { byProject, row in
                byProject[row["project_id"], default: [:]][row["resource"]] = row["hard_limit"]
            }
        }
    }

    public func projectQuotaClassLimits(_ service: QuotaService, className: String) async throws -> [String: Int] {
        try await read { db in
            try Self.limits(
                db, "SELECT resource, hard_limit FROM project_quota_classes WHERE service = ? AND class_name = ?",
                [service.rawValue, className])
        }
    }

    public func projectQuotaUsage(
        _ service: QuotaService, projectID: String, resources: [String]
    ) async throws -> [String: Int] {
        try await read { db in
            try resources.reduce(into: [String: Int]()) { used, resource in
                used[resource] = try Self.quotaUsage(service, resource, projectID: projectID, db)
            }
        }
    }

    private static func limits(_ db: Database, _ sql: String, _ arguments: StatementArguments) throws -> [String: Int] {
        let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
        return Dictionary(rows.map { ($0["resource"] as String, $0["hard_limit"] as Int) }, uniquingKeysWith: { _, last in last })
    }

    /// What the project holds of a resource, from its live rows. Resources this
    /// cloud has none of (snapshots, backups, routers, …) hold nothing.
    static func quotaUsage(_ service: QuotaService, _ resource: String, projectID: String, _ db: Database) throws -> Int {
        let sql: String? = switch (service, resource) {
        case (.volume, "volumes"): "SELECT count(*) FROM volumes WHERE project_id = ?"
        case (.volume, "gigabytes"): "SELECT coalesce(sum(size_gib), 0) FROM volumes WHERE project_id = ?"
        case (.network, "network"): "SELECT count(*) FROM networks WHERE project_id = ?"
        case (.network, "subnet"): "SELECT count(*) FROM subnets WHERE project_id = ?"
        case (.network, "port"): "SELECT count(*) FROM ports WHERE project_id = ?"
        case (.network, "security_group"): "SELECT count(*) FROM security_groups WHERE project_id = ?"
        case (.network, "security_group_rule"): "SELECT count(*) FROM security_group_rules WHERE project_id = ?"
        default: nil
        }
        guard let sql else { return 0 }
        return try Int.fetchOne(db, sql: sql, arguments: [projectID]) ?? 0
    }

    // MARK: - Writes (from `commit`)

    static func applyProjectQuota(_ change: StoreChange, _ db: Database) throws {
        switch change {
        case .requireProjectQuota(let check): try require(check, db)
        case .setProjectQuota(let service, let projectID, let resource, let limit):
            try db.execute(
                sql: "INSERT OR REPLACE INTO project_quotas (service, project_id, resource, hard_limit) VALUES (?, ?, ?, ?)",
                arguments: [service.rawValue, projectID, resource, limit])
        case .deleteProjectQuotas(let service, let projectID):
            try db.execute(
                sql: "DELETE FROM project_quotas WHERE service = ? AND project_id = ?", arguments: [service.rawValue, projectID])
        case .setProjectQuotaClass(let service, let className, let resource, let limit):
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO project_quota_classes (service, class_name, resource, hard_limit)
                    VALUES (?, ?, ?, ?)
                    """,
                arguments: [service.rawValue, className, resource, limit])
        default:
            return
        }
    }

    /// The limit (the project's own, else the `default` class's, else the
    /// check's default) and the count are both read in the committing
    /// transaction: SQLite's one writer runs these one after another, so two
    /// creates cannot both see room for one.
    static func require(_ check: ProjectQuotaCheck, _ db: Database) throws {
        let limit = try Int.fetchOne(
            db, sql: """
                SELECT coalesce(
                    (SELECT hard_limit FROM project_quotas WHERE service = ? AND project_id = ? AND resource = ?),
                    (SELECT hard_limit FROM project_quota_classes WHERE service = ? AND class_name = ? AND resource = ?),
                    ?)
                """,
            arguments: [check.service.rawValue, check.projectID, check.resource,
                        check.service.rawValue, QuotaClass.defaultName, check.resource, check.defaultLimit]) ?? check.defaultLimit
        guard limit >= 0 else { return }
        let used = try quotaUsage(check.service, check.resource, projectID: check.projectID, db)
        if used + check.adding > limit {
            throw StoreError.quotaExceeded(QuotaExceeded(resource: check.resource, requested: check.adding, used: used, limit: limit))
        }
    }
}
