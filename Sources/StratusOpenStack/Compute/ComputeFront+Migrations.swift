import Foundation
import Hummingbird
import StratusCore

extension ComputeFront {
    /// `GET /os-migrations` and (2.23) `GET /servers/{id}/migrations[/{id}]`,
    /// administrators only, in Nova's shapes: 2.23 adds `migration_type` and
    /// links to live migrations in progress, 2.59 `uuid`, paging and a strict
    /// query, 2.66 `changes-before`, 2.80 the owner's `user_id` and `project_id`.
    func addMigrationRoutes(_ group: RouterGroup<Context>) {
        group.get("os-migrations") { request, context in
            let version = context.computeVersion
            try StrictQuery.check(request, version, allowed: StrictQuery.migrationList(version), since: Microversion(2, 59))
            var filter = ServerMigrationFilter(
                host: request.query("host"), status: request.query("status"),
                instanceID: request.query("instance_uuid"), sourceCompute: request.query("source_compute"))
            if let type = request.query("migration_type") {
                filter.kind = ServerMigration.Kind(rawValue: type)
                if filter.kind == nil { return try Response.json(["migrations": []]) }
            }
            if version >= Microversion(2, 59) {
                filter.changedSince = try ServerListRequest.timestamp(request, "changes-since")
                if version >= Microversion(2, 66) {
                    filter.changedBefore = try ServerListRequest.timestamp(request, "changes-before")
                    if let since = filter.changedSince, let before = filter.changedBefore, since > before {
                        throw APIError.badRequest("The value of changes-since must be less than or equal to changes-before.")
                    }
                }
                if version >= Microversion(2, 80) {
                    filter.userID = request.query("user_id")
                    filter.projectID = request.query("project_id")
                }
                filter.marker = request.query("marker")
                if let limit = request.query("limit") {
                    guard let number = Int(limit), number >= 0 else {
                        throw APIError.badRequest("Invalid input for query parameters limit. Value: \(limit). '\(limit)' does not match '^[0-9]*$'")
                    }
                    filter.limit = number
                }
            }
            let migrations = try await compute.listMigrations(try context.caller(), filter)
            return try Response.json(["migrations": .array(migrations.map { migrationView($0, version) })])
        }
        group.get("servers/:id/migrations") { _, context in
            let version = context.computeVersion
            guard version >= Microversion(2, 23) else { throw APIError.notFound() }
            let migrations = try await compute.serverMigrations(try context.caller(), id: try context.parameter("id"))
            return try Response.json(["migrations": .array(migrations.map { serverMigrationView($0, version) })])
        }
        group.get("servers/:id/migrations/:migration") { _, context in
            let version = context.computeVersion
            guard version >= Microversion(2, 23) else { throw APIError.notFound() }
            let text = try context.parameter("migration")
            guard let number = Int(text) else { throw APIError.badRequest("Invalid migration id \(text)") }
            let migration = try await compute.serverMigration(
                try context.caller(), id: try context.parameter("id"), migrationID: number)
            return try Response.json(["migration": serverMigrationView(migration, version)])
        }
    }

    /// Nova's `os-migrations` entry. Flavor ids are Nova's integers where they are numbers.
    func migrationView(_ migration: ServerMigration, _ version: Microversion) -> JSONValue {
        var fields: [String: JSONValue] = [
            "id": .int(migration.id), "status": .string(migration.status.rawValue),
            "instance_uuid": .string(migration.instanceID),
            "source_compute": .string(migration.sourceCompute), "source_node": .string(migration.sourceCompute),
            "dest_compute": migration.destinationCompute.map(JSONValue.string) ?? .null,
            "dest_node": migration.destinationCompute.map(JSONValue.string) ?? .null,
            "dest_host": migration.destinationHost.map(JSONValue.string) ?? .null,
            "old_instance_type_id": Self.flavorNumber(migration.oldFlavorID),
            "new_instance_type_id": Self.flavorNumber(migration.newFlavorID),
            "created_at": .string(UTCTimestamp.microseconds(migration.createdAt)),
            "updated_at": .string(UTCTimestamp.microseconds(migration.updatedAt)),
        ]
        if version >= Microversion(2, 23) {
            fields["migration_type"] = .string(migration.kind.rawValue)
            if migration.isLiveAndInProgress {
                let path = "/servers/\(migration.instanceID)/migrations/\(migration.id)"
                fields["links"] = [
                    ["rel": "self", "href": .string(computeURL + "/v2.1" + path)],
                    ["rel": "bookmark", "href": .string(computeURL + path)],
                ]
            }
        }
        if version >= Microversion(2, 59) { fields["uuid"] = .string(migration.uuid) }
        addOwner(migration, version, to: &fields)
        return .object(fields)
    }

    /// 2.80: who owns the migrated server.
    private func addOwner(_ migration: ServerMigration, _ version: Microversion, to fields: inout [String: JSONValue]) {
        guard version >= Microversion(2, 80) else { return }
        fields["user_id"] = .string(migration.userID)
        fields["project_id"] = .string(migration.projectID)
    }

    /// `/servers/{id}/migrations`' entry. Stratus does not sample QEMU's progress
    /// into the record, so the memory and disk counters are Nova's "unknown" (null).
    func serverMigrationView(_ migration: ServerMigration, _ version: Microversion) -> JSONValue {
        var fields: [String: JSONValue] = [
            "id": .int(migration.id), "server_uuid": .string(migration.instanceID),
            "status": .string(migration.status.rawValue),
            "source_compute": .string(migration.sourceCompute), "source_node": .string(migration.sourceCompute),
            "dest_compute": migration.destinationCompute.map(JSONValue.string) ?? .null,
            "dest_node": migration.destinationCompute.map(JSONValue.string) ?? .null,
            "dest_host": migration.destinationHost.map(JSONValue.string) ?? .null,
            "memory_total_bytes": .null, "memory_processed_bytes": .null, "memory_remaining_bytes": .null,
            "disk_total_bytes": .null, "disk_processed_bytes": .null, "disk_remaining_bytes": .null,
            "created_at": .string(UTCTimestamp.microseconds(migration.createdAt)),
            "updated_at": .string(UTCTimestamp.microseconds(migration.updatedAt)),
        ]
        if version >= Microversion(2, 59) { fields["uuid"] = .string(migration.uuid) }
        addOwner(migration, version, to: &fields)
        return .object(fields)
    }

    static func flavorNumber(_ id: String) -> JSONValue { Int(id).map(JSONValue.int) ?? .string(id) }
}
