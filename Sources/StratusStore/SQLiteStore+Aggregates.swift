import Foundation
import GRDB
import StratusCore

extension SQLiteStore {
    public func aggregates() async throws -> [HostAggregate] {
        try await read { db in try Self.aggregates(db) }
    }

    static func aggregates(_ db: Database) throws -> [HostAggregate] {
        var hosts: [Int: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT aggregate_id, host_name FROM aggregate_hosts ORDER BY position") {
            hosts[row["aggregate_id"], default: []].append(row["host_name"])
        }
        return try Row.fetchAll(db, sql: "SELECT * FROM aggregates ORDER BY id").map { row in
            HostAggregate(
                id: row["id"], uuid: row["uuid"], name: row["name"], hosts: hosts[row["id"]] ?? [],
                metadata: (try? JSONDecoder().decode([String: String].self, from: Data((row["metadata"] as String).utf8))) ?? [:],
                createdAt: Date(timeIntervalSince1970: row["created_at"]),
                updatedAt: (row["updated_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
        }
    }

    static func insert(_ aggregate: HostAggregate, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO aggregates (uuid, name, metadata, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            arguments: [aggregate.uuid, aggregate.name, try metadataJSON(aggregate.metadata),
                        aggregate.createdAt.timeIntervalSince1970, aggregate.updatedAt?.timeIntervalSince1970])
    }

    /// Name and metadata; the hosts change one at a time (`addAggregateHost`).
    static func update(_ aggregate: HostAggregate, _ db: Database) throws {
        try db.executeChecked(
            "UPDATE aggregates SET name = ?, metadata = ?, updated_at = ? WHERE uuid = ?",
            [aggregate.name, try metadataJSON(aggregate.metadata), aggregate.updatedAt?.timeIntervalSince1970,
             aggregate.uuid], what: "aggregate \(aggregate.uuid)")
    }

    static func addHost(_ host: String, toAggregate uuid: String, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO aggregate_hosts (aggregate_id, host_name, position)
                SELECT id, ?, (SELECT coalesce(max(position), 0) + 1 FROM aggregate_hosts) FROM aggregates WHERE uuid = ?
                """,
            arguments: [host, uuid])
        guard db.changesCount == 1 else { throw StoreError.versionConflict("aggregate \(uuid)") }
    }

    static func removeHost(_ host: String, fromAggregate uuid: String, _ db: Database) throws {
        try db.executeChecked(
            "DELETE FROM aggregate_hosts WHERE host_name = ? AND aggregate_id = (SELECT id FROM aggregates WHERE uuid = ?)",
            [host, uuid], what: "host \(host) of aggregate \(uuid)")
    }

    private static func metadataJSON(_ metadata: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(metadata), as: UTF8.self)
    }

    /// Hosts as the scheduler and the host APIs see them: the metadata of every
    /// aggregate a host is in merged into what it reports (several values of one
    /// key joined with commas, as Nova's `aggregate_metadata_get_by_host` yields
    /// them), and its zone the one its aggregates name, if any.
    static func withAggregates(_ hosts: [ComputeHost], _ db: Database) throws -> [ComputeHost] {
        let aggregates = try aggregates(db)
        guard !aggregates.isEmpty else { return hosts }
        return hosts.map { host in
            let memberships = aggregates.filter { $0.hosts.contains(host.name) }
            guard !memberships.isEmpty else { return host }
            var values: [String: Set<String>] = host.aggregateMetadata.mapValues { [$0] }
            for aggregate in memberships {
                for (key, value) in aggregate.metadata { values[key, default: []].insert(value) }
            }
            var merged = host
            merged.aggregateMetadata = values.mapValues { $0.sorted().joined(separator: ",") }
            let zones = Set(memberships.compactMap(\.availabilityZone))
            if !zones.isEmpty { merged.availabilityZone = zones.sorted().joined(separator: ",") }
            return merged
        }
    }
}
